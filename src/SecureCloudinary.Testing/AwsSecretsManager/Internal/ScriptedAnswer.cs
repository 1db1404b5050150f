namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>One scripted answer: an error, or a redirect to <see cref="Location"/>.</summary>
internal sealed record ScriptedAnswer(ScriptedAwsError? Error, Uri? Location, int RedirectStatus);
