using Microsoft.Extensions.Options;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Fills unset <see cref="ConjurCredentialSourceOptions"/> the way the official Go client loads its configuration:
/// configuration wins, then environment variables, then <c>CONJURRC</c> (or <c>~/.conjurrc</c>), then
/// <c>/etc/conjur.conf</c>; an API-key login still missing comes from the Conjur CLI's <c>~/.netrc</c> entry. Then the
/// appliance URL gets https when it has no scheme, and Conjur Cloud its defaults (<c>/api</c> base path, account
/// <c>conjur</c>).
/// </summary>
internal sealed class ConjurEnvironmentDefaults : IPostConfigureOptions<ConjurCredentialSourceOptions>
{
    private static readonly string[] SupportedAuthnTypes = ["authn", "ldap", "jwt"];

    private readonly ConjurEnvironment _environment;

    public ConjurEnvironmentDefaults(ConjurEnvironment environment) => _environment = environment;

    public void PostConfigure(string? name, ConjurCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Apply(options, _environment);
    }

    /// <summary>Applies the environment variables only (no files): for tests of the variables.</summary>
    internal static void Apply(ConjurCredentialSourceOptions options, Func<string, string?> read) =>
        Apply(options, new ConjurEnvironment(name => name is "HOME" or "USERPROFILE" ? null : read(name)));

    internal static void Apply(ConjurCredentialSourceOptions options, ConjurEnvironment environment)
    {
        var read = environment.Read;
        var files = CliFiles(environment);
        string? FromFiles(string key) => files.Select(f => f.GetValueOrDefault(key)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        if (options.ApplianceUrl is null && (Value(read, "CONJUR_APPLIANCE_URL") ?? FromFiles("appliance_url")) is { } url)
        {
            options.ApplianceUrl = ParseAppliance(url);
        }

        options.ApplianceUrl = WithScheme(options.ApplianceUrl);
        options.Account ??= Value(read, "CONJUR_ACCOUNT") ?? FromFiles("account");
        options.Certificate ??= Value(read, "CONJUR_SSL_CERTIFICATE");
        options.CertificateFile ??= Value(read, "CONJUR_CERT_FILE") ?? FromFiles("cert_file");
        options.Login ??= Value(read, "CONJUR_AUTHN_LOGIN");
        options.ApiKey ??= Value(read, "CONJUR_AUTHN_API_KEY");
        options.TokenFile ??= Value(read, "CONJUR_AUTHN_TOKEN_FILE");
        options.Token ??= Value(read, "CONJUR_AUTHN_TOKEN");
        options.HostId ??= Value(read, "CONJUR_AUTHN_JWT_HOST_ID");
        options.JwtFile ??= Value(read, "JWT_TOKEN_PATH");
        options.Jwt ??= Value(read, "CONJUR_AUTHN_JWT_TOKEN");
        if (options.AuthnUrl is null && Value(read, "CONJUR_AUTHN_URL") is { } authnUrl)
        {
            options.AuthnUrl = ParseAppliance(authnUrl);
        }

        options.ServiceId ??= Value(read, "CONJUR_AUTHN_JWT_SERVICE_ID");
        ApplyAuthnType(options, Value(read, "CONJUR_AUTHN_TYPE") ?? FromFiles("authn_type"), Value(read, "CONJUR_SERVICE_ID") ?? FromFiles("service_id"));
        ApplyNetrc(options, environment, Value(read, "CONJUR_NETRC_PATH") ?? FromFiles("netrc_path"));

        if (options.ApplianceUrl is { } appliance && ConjurEndpoint.IsConjurCloud(appliance))
        {
            options.Account ??= ConjurEndpoint.CloudAccount;
        }
    }

    /// <summary><c>CONJURRC</c> (or <c>~/.conjurrc</c>) first, then <c>/etc/conjur.conf</c>: the first file naming a key wins.</summary>
    private static List<Dictionary<string, string>> CliFiles(ConjurEnvironment environment)
    {
        var files = new List<Dictionary<string, string>>(2);
        var conjurrc = Value(environment.Read, "CONJURRC")
            ?? (environment.Home() is { } home ? Path.Combine(home, ".conjurrc") : null);
        if (conjurrc is not null && ConjurRcFile.Read(conjurrc) is { } rc)
        {
            files.Add(rc);
        }

        if (environment.SystemConfigDirectory is { } system && ConjurRcFile.Read(Path.Combine(system, "conjur.conf")) is { } conf)
        {
            files.Add(conf);
        }

        return files;
    }

    /// <summary><c>CONJUR_AUTHN_TYPE</c> + <c>CONJUR_SERVICE_ID</c>, as the Go client reads them.</summary>
    private static void ApplyAuthnType(ConjurCredentialSourceOptions options, string? type, string? serviceId)
    {
        if (type is null || type == "authn")
        {
            return;
        }

        if (!SupportedAuthnTypes.Contains(type, StringComparer.Ordinal))
        {
            options.EnvironmentProblems.Add(
                $"CONJUR_AUTHN_TYPE (or authn_type in the Conjur CLI configuration) must be one of {string.Join(", ", SupportedAuthnTypes)} for SecureCloudinary; "
                + "the other authenticators of the Conjur CLI are not supported.");
            return;
        }

        if (type == "jwt")
        {
            options.ServiceId ??= serviceId;
            options.Authenticator ??= ConjurAuthenticator.Jwt;
            return;
        }

        // ldap: an API-key style login against authn-ldap/{service id}.
        if (serviceId is null)
        {
            options.EnvironmentProblems.Add("CONJUR_AUTHN_TYPE=ldap needs CONJUR_SERVICE_ID (the authn-ldap service id).");
        }
        else if (options.AuthnUrl is null && options.ApplianceUrl is { IsAbsoluteUri: true } appliance)
        {
            options.AuthnUrl = new Uri(appliance.AbsoluteUri.TrimEnd('/') + "/authn-ldap/" + Uri.EscapeDataString(serviceId));
        }
    }

    /// <summary>The login and API key <c>conjur login</c> stored for this appliance's authenticator in <c>~/.netrc</c>.</summary>
    private static void ApplyNetrc(ConjurCredentialSourceOptions options, ConjurEnvironment environment, string? netrcPath)
    {
        if (options.EffectiveAuthenticator != ConjurAuthenticator.ApiKey
            || !string.IsNullOrWhiteSpace(options.ApiKey) || !string.IsNullOrWhiteSpace(options.ApiKeyFile)
            || options.ApplianceUrl is not { IsAbsoluteUri: true } appliance)
        {
            return;
        }

        var path = netrcPath ?? (environment.Home() is { } home ? Path.Combine(home, ".netrc") : null);
        if (path is null)
        {
            return;
        }

        var authn = options.AuthnUrl?.AbsoluteUri.TrimEnd('/') ?? appliance.AbsoluteUri.TrimEnd('/') + "/authn";
        var machines = new List<string> { authn };
        if (options.AuthnUrl is null && ConjurEndpoint.IsConjurCloud(appliance))
        {
            machines.Add(ConjurEndpoint.Normalize(appliance).AbsoluteUri.TrimEnd('/') + "/authn");
        }

        if (NetrcFile.Find(path, machines) is { } entry
            && (options.Login is null || string.Equals(options.Login.Trim(), entry.Login, StringComparison.Ordinal)))
        {
            options.Login ??= entry.Login;
            options.ApiKey = entry.Password;
        }
    }

    /// <summary>An appliance URL as the Go client reads it: without a scheme, https is meant.</summary>
    private static Uri? ParseAppliance(string value)
    {
        var text = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>A configured URL without a scheme (bound as relative, or with the host taken for a scheme) gets https.</summary>
    private static Uri? WithScheme(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var original = uri.OriginalString.Trim();
        if (original.Length > 0 && !original.Contains("://", StringComparison.Ordinal))
        {
            return ParseAppliance(original) ?? uri;
        }

        return uri;
    }

    private static string? Value(Func<string, string?> read, string name)
    {
        var value = read(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
