using System.Diagnostics;

namespace SecureCloudinary.Internal;

/// <summary>Names of the meter, instruments, activity source and spans (see docs/telemetry.md). Never tag a secret.</summary>
internal static class SecureCloudinaryTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "SecureCloudinary";

    public const string RefreshesInstrument = "securecloudinary.credentials.refreshes";
    public const string RefreshDurationInstrument = "securecloudinary.credentials.refresh.duration";
    public const string AgeInstrument = "securecloudinary.credentials.age";
    public const string ForcedRefreshesInstrument = "securecloudinary.credentials.forced_refreshes";
    public const string InUseInstrument = "securecloudinary.credentials.in_use";

    public const string RefreshSpan = "securecloudinary.refresh";

    public const string SourceTag = "source";

    /// <summary>The name of a named account (absent for the unnamed registration), on metrics and spans.</summary>
    public const string AccountTag = "account";

    /// <summary>The span attribute holding a named account's name.</summary>
    public const string AccountSpanAttribute = "securecloudinary.account";
    public const string OutcomeTag = "outcome";
    public const string FingerprintTag = "key.fingerprint";

    public const string OutcomeSuccess = "success";
    public const string OutcomeRotated = "rotated";
    public const string OutcomeFailed = "failed";

    /// <summary>The activity source for refreshes and Cloudinary calls.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(SecureCloudinaryTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The span name of a Cloudinary call, e.g. <c>cloudinary.upload</c>.</summary>
    public static string CloudinarySpan(string operation) => operation switch
    {
        "upload" => "cloudinary.upload",
        "destroy" => "cloudinary.destroy",
        "ping" => "cloudinary.ping",
        "usage" => "cloudinary.usage",
        _ => "cloudinary." + operation,
    };
}
