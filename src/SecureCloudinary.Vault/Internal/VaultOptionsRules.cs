namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// The rules Vault settings must follow. Messages name the configuration key (and its environment variable
/// fallback) and never a value.
/// </summary>
internal static class VaultOptionsRules
{
    public static List<string> Check(VaultCredentialSourceOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckConnection(options, prefix, failures);
        CheckSecret(options, prefix, failures);
        CheckAuth(options.Auth ?? new VaultAuthOptions(), prefix + "Auth:", failures);
        return failures;
    }

    private static void CheckConnection(VaultCredentialSourceOptions options, string prefix, List<string> failures)
    {
        if (options.AddressFromEnvironmentInvalid)
        {
            failures.Add($"The {options.AddressVariable} environment variable (used because {prefix}Address is not set) is not an absolute URL.");
        }
        else if (options.Address is null)
        {
            failures.Add($"{prefix}Address (or the VAULT_ADDR environment variable) is required.");
        }
        else if (!SecureCloudinary.Internal.EndpointRules.IsHttpsOrLoopback(options.Address))
        {
            failures.Add($"{prefix}Address must be an absolute https:// address without a user name or password (http:// is allowed only for loopback hosts).");
        }
        else if (!string.IsNullOrEmpty(options.Address.Query) || !string.IsNullOrEmpty(options.Address.Fragment))
        {
            failures.Add($"{prefix}Address must not contain a query or fragment.");
        }

        failures.AddRange(options.EnvironmentProblems);
        CheckTls(options, prefix, failures);
        if (!string.IsNullOrWhiteSpace(options.Namespace) && VaultPath.Problem(options.Namespace) is { } nsProblem)
        {
            failures.Add($"{prefix}Namespace {nsProblem}.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{prefix}MaxRetries must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}RetryDelay must be between 0 and 1 minute.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}Timeout must be greater than 0.");
        }

        if (options.MaxResponseBodyBytes <= 0)
        {
            failures.Add($"{prefix}MaxResponseBodyBytes must be greater than 0.");
        }
    }

    private static void CheckTls(VaultCredentialSourceOptions options, string prefix, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.CaCertificateFile) && !File.Exists(options.CaCertificateFile))
        {
            failures.Add($"{prefix}CaCertificateFile (or VAULT_CACERT) names a file that does not exist.");
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificate) && !options.CaCertificate.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            failures.Add($"{prefix}CaCertificate (or VAULT_CACERT_BYTES) must be PEM text with at least one BEGIN CERTIFICATE block.");
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificateDirectory) && !Directory.Exists(options.CaCertificateDirectory))
        {
            failures.Add($"{prefix}CaCertificateDirectory (or VAULT_CAPATH) names a directory that does not exist.");
        }

        var anyCa = !string.IsNullOrWhiteSpace(options.CaCertificateFile) || !string.IsNullOrWhiteSpace(options.CaCertificate)
            || !string.IsNullOrWhiteSpace(options.CaCertificateDirectory);
        if (anyCa && options.SkipTlsVerify == true)
        {
            failures.Add($"{prefix}SkipTlsVerify and {prefix}CaCertificateFile are both set (or CaCertificate / CaCertificateDirectory): use one or the other.");
        }

        var cert = !string.IsNullOrWhiteSpace(options.ClientCertificateFile);
        var key = !string.IsNullOrWhiteSpace(options.ClientKeyFile);
        if (cert != key)
        {
            failures.Add($"{prefix}ClientCertificateFile (VAULT_CLIENT_CERT) and {prefix}ClientKeyFile (VAULT_CLIENT_KEY) must be set together.");
        }
        else if (cert && (!File.Exists(options.ClientCertificateFile) || !File.Exists(options.ClientKeyFile)))
        {
            failures.Add($"{prefix}ClientCertificateFile (VAULT_CLIENT_CERT) or {prefix}ClientKeyFile (VAULT_CLIENT_KEY) names a file that does not exist.");
        }

        if (options.TlsServerName is { } name && (name.Trim().Length == 0 || Uri.CheckHostName(name.Trim()) == UriHostNameType.Unknown))
        {
            failures.Add($"{prefix}TlsServerName (or VAULT_TLS_SERVER_NAME) must be a host name.");
        }
    }

    private static void CheckSecret(VaultCredentialSourceOptions options, string prefix, List<string> failures)
    {
        if (VaultPath.Problem(options.MountPath) is { } mountProblem)
        {
            failures.Add($"{prefix}MountPath {mountProblem}.");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{prefix}Path is required: the secret's path inside the KV mount, e.g. cloudinary/prod.");
        }
        else if (VaultPath.Problem(options.Path) is { } pathProblem)
        {
            failures.Add($"{prefix}Path {pathProblem}.");
        }

        if (options.KvVersion is not (0 or 1 or 2))
        {
            failures.Add($"{prefix}KvVersion must be 1, 2, or 0 to detect the mount's version.");
        }

        if (options.Version is { } version)
        {
            if (version < 1)
            {
                failures.Add($"{prefix}Version must be 1 or greater (leave it unset to read the latest version).");
            }

            if (options.KvVersion == 1)
            {
                failures.Add($"{prefix}Version applies only to KV version 2 mounts, but {prefix}KvVersion is 1.");
            }
        }

        var fields = options.Fields ?? new VaultFieldOptions();
        foreach (var (name, value) in new[]
        {
            ("CloudName", fields.CloudName), ("ApiKey", fields.ApiKey), ("ApiSecret", fields.ApiSecret), ("Url", fields.Url),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{prefix}Fields:{name} must not be empty.");
            }
        }
    }

    private static void CheckAuth(VaultAuthOptions auth, string prefix, List<string> failures)
    {
        if (!Enum.IsDefined(auth.Method))
        {
            failures.Add($"{prefix}Method must be one of Token, AppRole, Kubernetes, Jwt, UserPass.");
            return;
        }

        if (!string.IsNullOrWhiteSpace(auth.MountPath) && VaultPath.Problem(auth.MountPath) is { } mountProblem)
        {
            failures.Add($"{prefix}MountPath {mountProblem}.");
        }

        switch (auth.Method)
        {
            case VaultAuthMethod.Token:
                Require(auth.Token, $"{prefix}Token (or the VAULT_TOKEN environment variable) is required when {prefix}Method is Token; the Vault CLI's ~/.vault-token file is read last.", failures);
                break;
            case VaultAuthMethod.AppRole:
                Require(auth.RoleId, $"{prefix}RoleId is required when {prefix}Method is AppRole.", failures);
                if (!string.IsNullOrWhiteSpace(auth.SecretId) && !string.IsNullOrWhiteSpace(auth.SecretIdFile))
                {
                    failures.Add($"{prefix}SecretId and {prefix}SecretIdFile are both set: use one or the other.");
                }

                if (auth.SecretIdIsWrapped && string.IsNullOrWhiteSpace(auth.SecretId) && string.IsNullOrWhiteSpace(auth.SecretIdFile))
                {
                    failures.Add($"{prefix}SecretIdIsWrapped needs {prefix}SecretId or {prefix}SecretIdFile.");
                }

                break;
            case VaultAuthMethod.Kubernetes:
                Require(auth.Role, $"{prefix}Role is required when {prefix}Method is Kubernetes.", failures);
                break;
            case VaultAuthMethod.Jwt:
                Require(auth.JwtFile, $"{prefix}JwtFile is required when {prefix}Method is Jwt.", failures);
                break;
            case VaultAuthMethod.UserPass:
                Require(auth.Username, $"{prefix}Username is required when {prefix}Method is UserPass.", failures);
                Require(auth.Password, $"{prefix}Password is required when {prefix}Method is UserPass.", failures);
                if (auth.Username is { } user && VaultPath.Problem(user) is null && user.Contains('/', StringComparison.Ordinal))
                {
                    failures.Add($"{prefix}Username must not contain '/'.");
                }
                else if (!string.IsNullOrWhiteSpace(auth.Username) && VaultPath.Problem(auth.Username) is not null)
                {
                    failures.Add($"{prefix}Username contains a character that is not allowed in a URL path segment.");
                }

                break;
        }
    }

    private static void Require(string? value, string message, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(message);
        }
    }
}
