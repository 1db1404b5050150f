namespace SecureCloudinary.Internal;

/// <summary>The last failed read from the source: why, whether it may pass, and when. Holds no message text.</summary>
internal sealed record CredentialFailureInfo(CredentialFailureReason Reason, bool IsTransient, DateTimeOffset At);
