using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// The rules <see cref="ConjurCredentialSourceOptions"/> must follow. Messages name configuration keys (and
/// the environment variable that can supply them), never values.
/// </summary>
internal static class ConjurOptionsRules
{
    public const string DefaultPrefix = "Cloudinary:Conjur";

    public static List<string> Check(ConjurCredentialSourceOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.EnvironmentProblems);
        if (options.ApplianceUrl is null)
        {
            failures.Add($"{prefix}:ApplianceUrl is required (or set CONJUR_APPLIANCE_URL).");
        }
        else if (!EndpointRules.IsHttpsOrLoopback(options.ApplianceUrl))
        {
            failures.Add($"{prefix}:ApplianceUrl must be an absolute https:// URL without a user name or password (http:// is allowed only for loopback hosts).");
        }
        else if (!string.IsNullOrEmpty(options.ApplianceUrl.Query) || !string.IsNullOrEmpty(options.ApplianceUrl.Fragment))
        {
            failures.Add($"{prefix}:ApplianceUrl must not have a query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(options.Account))
        {
            failures.Add($"{prefix}:Account is required (or set CONJUR_ACCOUNT).");
        }
        else if (options.Account.Contains('/', StringComparison.Ordinal) || options.Account.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{prefix}:Account must not contain '/' or ':'.");
        }
        else if (options.Account.Trim() is "." or "..")
        {
            failures.Add($"{prefix}:Account must not be '.' or '..'.");
        }

        if (options.AuthnUrl is { } authnUrl)
        {
            if (!authnUrl.IsAbsoluteUri || !EndpointRules.IsHttpsOrLoopback(authnUrl))
            {
                failures.Add($"{prefix}:AuthnUrl (or CONJUR_AUTHN_URL) must be an absolute https:// URL without a user name or password (http:// is allowed only for loopback hosts).");
            }
            else if (!string.IsNullOrEmpty(authnUrl.Query) || !string.IsNullOrEmpty(authnUrl.Fragment))
            {
                failures.Add($"{prefix}:AuthnUrl must not have a query or fragment.");
            }
        }

        CheckAuthenticator(options, prefix, failures);
        CheckVariables(options, prefix, failures);
        CheckFile(options.CertificateFile, $"{prefix}:CertificateFile", failures, optionalBecause: options.Certificate);

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{prefix}:MaxRetries must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{prefix}:RetryDelay must be between 0 and 10 seconds.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:Timeout must be greater than 0 and at most 10 minutes.");
        }

        if (options.MaxBatchUrlLength < 256)
        {
            failures.Add($"{prefix}:MaxBatchUrlLength must be at least 256.");
        }

        if (options.MaxResponseBodyBytes <= 0)
        {
            failures.Add($"{prefix}:MaxResponseBodyBytes must be greater than 0.");
        }

        return failures;
    }

    private static void CheckAuthenticator(ConjurCredentialSourceOptions options, string prefix, List<string> failures)
    {
        switch (options.EffectiveAuthenticator)
        {
            case ConjurAuthenticator.ApiKey:
                if (string.IsNullOrWhiteSpace(options.Login))
                {
                    failures.Add($"{prefix}:Login is required for the ApiKey authenticator (or set CONJUR_AUTHN_LOGIN), e.g. host/apps/web.");
                }
                else
                {
                    CheckSegments(options.Login, $"{prefix}:Login", failures);
                }

                if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.ApiKeyFile))
                {
                    failures.Add($"{prefix}:ApiKey or {prefix}:ApiKeyFile is required for the ApiKey authenticator (or set CONJUR_AUTHN_API_KEY).");
                }
                else if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    CheckFile(options.ApiKeyFile, $"{prefix}:ApiKeyFile", failures, optionalBecause: null);
                }

                break;
            case ConjurAuthenticator.Jwt:
                if (string.IsNullOrWhiteSpace(options.ServiceId))
                {
                    failures.Add($"{prefix}:ServiceId is required for the Jwt authenticator (or set CONJUR_AUTHN_JWT_SERVICE_ID).");
                }
                else if (options.ServiceId.Contains('/', StringComparison.Ordinal))
                {
                    failures.Add($"{prefix}:ServiceId must not contain '/'.");
                }
                else
                {
                    CheckSegments(options.ServiceId, $"{prefix}:ServiceId", failures);
                }

                if (!string.IsNullOrWhiteSpace(options.HostId))
                {
                    CheckSegments(options.HostId, $"{prefix}:HostId", failures);
                }

                // No JwtFile and no Jwt: the Kubernetes service-account token file, as the Go client.
                break;
            case ConjurAuthenticator.Token:
                if (string.IsNullOrWhiteSpace(options.Token))
                {
                    failures.Add($"{prefix}:Token is required for the Token authenticator (or set CONJUR_AUTHN_TOKEN).");
                }

                break;
            case ConjurAuthenticator.TokenFile:
                if (string.IsNullOrWhiteSpace(options.TokenFile))
                {
                    failures.Add($"{prefix}:TokenFile is required for the TokenFile authenticator (or set CONJUR_AUTHN_TOKEN_FILE).");
                }

                break;
            default:
                failures.Add($"{prefix}:Authenticator must be ApiKey, Jwt, TokenFile or Token.");
                break;
        }
    }

    private static void CheckVariables(ConjurCredentialSourceOptions options, string prefix, List<string> failures)
    {
        var single = !string.IsNullOrWhiteSpace(options.Variable);
        var parts = options.Variables?.IsAnySet == true;
        if (single && parts)
        {
            failures.Add($"{prefix}:Variable and {prefix}:Variables are both set; set only one.");
            return;
        }

        if (!single && !parts)
        {
            failures.Add($"{prefix}:Variable (one variable holding a cloudinary:// URL) or {prefix}:Variables:ApiKey and {prefix}:Variables:ApiSecret are required.");
            return;
        }

        if (single)
        {
            CheckId(options.Variable, $"{prefix}:Variable", failures);
            return;
        }

        var ids = options.Variables!;
        if (string.IsNullOrWhiteSpace(ids.ApiKey))
        {
            failures.Add($"{prefix}:Variables:ApiKey is required when {prefix}:Variables is used.");
        }

        if (string.IsNullOrWhiteSpace(ids.ApiSecret))
        {
            failures.Add($"{prefix}:Variables:ApiSecret is required when {prefix}:Variables is used.");
        }

        if (string.IsNullOrWhiteSpace(ids.CloudName) && string.IsNullOrWhiteSpace(options.CloudName))
        {
            failures.Add($"{prefix}:Variables:CloudName or Cloudinary:CloudName is required when {prefix}:Variables is used.");
        }

        CheckId(ids.CloudName, $"{prefix}:Variables:CloudName", failures);
        CheckId(ids.ApiKey, $"{prefix}:Variables:ApiKey", failures);
        CheckId(ids.ApiSecret, $"{prefix}:Variables:ApiSecret", failures);
    }

    private static void CheckId(string? id, string key, List<string> failures)
    {
        if (id is null || id.Length == 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl))
        {
            failures.Add($"{key} must be a variable id without control characters.");
        }
        else if (id.Split(':').Length >= 3 && id.Contains(":variable:", StringComparison.Ordinal))
        {
            failures.Add($"{key} must be the variable id only (e.g. apps/web/api-secret), without the 'account:variable:' prefix.");
        }
        else
        {
            CheckSegments(id, key, failures);
        }
    }

    /// <summary>
    /// Refuses ids with a <c>.</c> or <c>..</c> segment or an empty segment (<c>a//b</c>, a leading or trailing
    /// <c>/</c>): a server or proxy that normalises paths would resolve them to another URL (e.g. <c>..</c> as a login
    /// turns <c>/authn/{account}/{login}/authenticate</c> into <c>/authn/authenticate</c>).
    /// </summary>
    private static void CheckSegments(string id, string key, List<string> failures)
    {
        var segments = id.Trim().Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            failures.Add($"{key} must not have an empty segment (a leading or trailing '/', or '//').");
        }
        else if (segments.Any(s => s is "." or ".."))
        {
            failures.Add($"{key} must not have a '.' or '..' segment.");
        }
    }

    private static void CheckFile(string? path, string key, List<string> failures, string? optionalBecause)
    {
        if (string.IsNullOrWhiteSpace(path) || !string.IsNullOrWhiteSpace(optionalBecause))
        {
            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{key} names a file that does not exist.");
        }
    }
}
