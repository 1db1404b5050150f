namespace SecureCloudinary;

/// <summary>
/// Everything <c>AddSecureCloudinary</c> reads from the <c>Cloudinary</c> configuration section besides the
/// credentials themselves, which the selected source supplies.
/// </summary>
public class SecureCloudinaryOptions : CloudinaryClientOptions
{
    /// <summary>The name of the source used when <see cref="Source"/> is not set.</summary>
    public const string DefaultSource = "Environment";

    /// <summary>
    /// Which registered credential source supplies the credentials (<c>Cloudinary:Source</c>):
    /// <c>Environment</c> (default), <c>Configuration</c>, or a backend such as <c>AwsSecretsManager</c>,
    /// <c>Vault</c> or <c>Conjur</c> once its package is added.
    /// </summary>
    public string Source { get; set; } = DefaultSource;

    /// <summary>
    /// Whether the credentials are resolved while the host starts (<c>Cloudinary:ResolveOnStart</c>, default
    /// true), so missing or invalid settings stop the start with a clear message. When false, the first call
    /// that needs credentials resolves them.
    /// </summary>
    public bool ResolveOnStart { get; set; } = true;
}
