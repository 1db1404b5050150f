using System.Globalization;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// The total attempts per read, as the AWS SDK resolves them: <c>MaxAttempts</c>, else <c>AWS_MAX_ATTEMPTS</c>, else
/// the profile's <c>max_attempts</c>, else the default of the retry mode (<c>AWS_RETRY_MODE</c>/<c>retry_mode</c>:
/// <c>standard</c> and <c>adaptive</c> 3, <c>legacy</c> 5 — the .NET SDK's 4 retries).
/// </summary>
/// <param name="MaxAttempts">Total attempts, 1–10.</param>
/// <param name="Mode">The retry mode name.</param>
internal sealed record AwsRetrySettings(int MaxAttempts, string Mode)
{
    public static AwsRetrySettings Resolve(
        AwsSecretsManagerCredentialSourceOptions options, Func<string, string?> environment, AwsSharedConfig config, string prefix)
    {
        var (modeText, modeOrigin) = AwsEndpointResolver.Variable(environment, "AWS_RETRY_MODE") is { } m
            ? (m, "environment variable AWS_RETRY_MODE")
            : config.Get("retry_mode");
        var mode = modeText?.Trim().ToLowerInvariant() ?? "standard";
        if (mode is not ("standard" or "adaptive" or "legacy"))
        {
            throw Fail($"{modeOrigin} must be standard, adaptive or legacy.");
        }

        if (options.MaxAttempts is { } configured)
        {
            return new AwsRetrySettings(Math.Clamp(configured, 1, 10), mode);
        }

        var (attemptsText, attemptsOrigin) = AwsEndpointResolver.Variable(environment, "AWS_MAX_ATTEMPTS") is { } a
            ? (a, "environment variable AWS_MAX_ATTEMPTS")
            : config.Get("max_attempts");
        if (attemptsText is null)
        {
            return new AwsRetrySettings(mode == "legacy" ? 5 : 3, mode);
        }

        if (!int.TryParse(attemptsText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) || attempts < 1)
        {
            throw Fail($"{attemptsOrigin} must be a whole number of at least 1 (or set {prefix}MaxAttempts).");
        }

        return new AwsRetrySettings(Math.Min(attempts, 10), mode);
    }

    private static CloudinaryCredentialException Fail(string message) =>
        new(AwsSecretsManagerCredentialSource.SourceName, CredentialFailureReason.NotFound, message);
}
