using Microsoft.Extensions.Options;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Fills unset <see cref="ConjurCredentialSourceOptions"/> from the environment variables the official Conjur
/// clients read, and applies the Conjur Cloud defaults (<c>/api</c> base path, account <c>conjur</c>).
/// </summary>
internal sealed class ConjurEnvironmentDefaults : IPostConfigureOptions<ConjurCredentialSourceOptions>
{
    private readonly Func<string, string?> _read;

    public ConjurEnvironmentDefaults()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal ConjurEnvironmentDefaults(Func<string, string?> read) => _read = read;

    public void PostConfigure(string? name, ConjurCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Apply(options, _read);
    }

    internal static void Apply(ConjurCredentialSourceOptions options, Func<string, string?> read)
    {
        if (options.ApplianceUrl is null && Value(read, "CONJUR_APPLIANCE_URL") is { } url
            && Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            options.ApplianceUrl = parsed;
        }

        options.Account ??= Value(read, "CONJUR_ACCOUNT");
        options.Certificate ??= Value(read, "CONJUR_SSL_CERTIFICATE");
        options.CertificateFile ??= Value(read, "CONJUR_CERT_FILE");
        options.Login ??= Value(read, "CONJUR_AUTHN_LOGIN");
        options.ApiKey ??= Value(read, "CONJUR_AUTHN_API_KEY");
        options.TokenFile ??= Value(read, "CONJUR_AUTHN_TOKEN_FILE");
        options.ServiceId ??= Value(read, "CONJUR_AUTHN_JWT_SERVICE_ID");
        options.HostId ??= Value(read, "CONJUR_AUTHN_JWT_HOST_ID");
        options.JwtFile ??= Value(read, "JWT_TOKEN_PATH");

        if (options.ApplianceUrl is { } appliance && ConjurEndpoint.IsConjurCloud(appliance))
        {
            options.Account ??= ConjurEndpoint.CloudAccount;
        }
    }

    private static string? Value(Func<string, string?> read, string name)
    {
        var value = read(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
