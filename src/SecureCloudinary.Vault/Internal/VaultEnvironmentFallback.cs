using Microsoft.Extensions.Options;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Fills settings left unset in configuration from the environment variables the official Vault client reads
/// (<c>VAULT_AGENT_ADDR</c> before <c>VAULT_ADDR</c>, TLS, retry, timeout and redirect variables, <c>VAULT_TOKEN</c>)
/// and, last for the Token method, from the CLI token helper's <c>~/.vault-token</c>. Configuration always wins. A
/// variable whose value cannot be parsed the way the Go client parses it is a configuration error naming the variable.
/// </summary>
internal sealed class VaultEnvironmentFallback : IPostConfigureOptions<VaultCredentialSourceOptions>
{
    private const string GoBools = "1, t, T, TRUE, true, True, 0, f, F, FALSE, false or False";
    private const int MaxTokenFileBytes = 16 * 1024;

    private readonly VaultEnvironment _environment;

    public VaultEnvironmentFallback(VaultEnvironment environment)
    {
        _environment = environment;
    }

    public void PostConfigure(string? name, VaultCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = _environment.Read;
        if (options.Address is null)
        {
            var variable = Clean(read("VAULT_AGENT_ADDR")) is not null ? "VAULT_AGENT_ADDR" : "VAULT_ADDR";
            if (Clean(read(variable)) is { } address)
            {
                options.Address = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
                options.AddressFromEnvironmentInvalid = options.Address is null;
                options.AddressVariable = variable;
            }
        }

        if (string.IsNullOrWhiteSpace(options.Namespace))
        {
            options.Namespace = Clean(read("VAULT_NAMESPACE"));
        }

        options.CaCertificateFile = Fill(options.CaCertificateFile, read, "VAULT_CACERT");
        options.CaCertificate = Fill(options.CaCertificate, read, "VAULT_CACERT_BYTES");
        options.CaCertificateDirectory = Fill(options.CaCertificateDirectory, read, "VAULT_CAPATH");
        options.ClientCertificateFile = Fill(options.ClientCertificateFile, read, "VAULT_CLIENT_CERT");
        options.ClientKeyFile = Fill(options.ClientKeyFile, read, "VAULT_CLIENT_KEY");
        options.TlsServerName = Fill(options.TlsServerName, read, "VAULT_TLS_SERVER_NAME");
        options.SkipTlsVerify ??= Bool(options, read, "VAULT_SKIP_VERIFY");
        options.DisableRedirects ??= Bool(options, read, "VAULT_DISABLE_REDIRECTS");

        if (!options.MaxRetriesSet && Clean(read("VAULT_MAX_RETRIES")) is { } retries)
        {
            if (GoValueParser.ParseUInt(retries) is { } n && n <= int.MaxValue)
            {
                options.MaxRetries = (int)n;
            }
            else
            {
                options.EnvironmentProblems.Add("The VAULT_MAX_RETRIES environment variable must be a whole number (e.g. 2).");
            }
        }

        if (!options.TimeoutSet && Clean(read("VAULT_CLIENT_TIMEOUT")) is { } timeout)
        {
            if (GoValueParser.ParseDurationSecond(timeout) is { } t)
            {
                options.Timeout = t;
            }
            else
            {
                options.EnvironmentProblems.Add("The VAULT_CLIENT_TIMEOUT environment variable must be seconds (e.g. 60) or a duration such as 1m30s.");
            }
        }

        options.Auth ??= new VaultAuthOptions();
        options.Fields ??= new VaultFieldOptions();
        if (options.Auth.Method == VaultAuthMethod.Token && string.IsNullOrWhiteSpace(options.Auth.Token))
        {
            options.Auth.Token = Clean(read("VAULT_TOKEN")) ?? ReadTokenHelperFile(options);
        }
    }

    private static string? Fill(string? current, Func<string, string?> read, string variable) =>
        string.IsNullOrWhiteSpace(current) ? Clean(read(variable)) : current;

    private static bool? Bool(VaultCredentialSourceOptions options, Func<string, string?> read, string variable)
    {
        if (Clean(read(variable)) is not { } value)
        {
            return null;
        }

        var parsed = GoValueParser.ParseBool(value);
        if (parsed is null)
        {
            options.EnvironmentProblems.Add($"The {variable} environment variable must be one of {GoBools}.");
        }

        return parsed;
    }

    /// <summary>The Vault CLI's token helper file, <c>~/.vault-token</c>: the last fallback of the Token method.</summary>
    private string? ReadTokenHelperFile(VaultCredentialSourceOptions options)
    {
        if (_environment.Home() is not { } home)
        {
            return null;
        }

        var path = Path.Combine(home, ".vault-token");
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length > MaxTokenFileBytes)
            {
                options.EnvironmentProblems.Add($"The Vault token helper file ~/.vault-token is larger than {MaxTokenFileBytes} bytes.");
                return null;
            }

            return Clean(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            options.EnvironmentProblems.Add($"The Vault token helper file ~/.vault-token could not be read ({e.GetType().Name}).");
            return null;
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
