using Microsoft.Extensions.Options;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Fills settings left unset in configuration from <c>VAULT_ADDR</c>, <c>VAULT_NAMESPACE</c>, <c>VAULT_CACERT</c>,
/// <c>VAULT_SKIP_VERIFY</c> and <c>VAULT_TOKEN</c>. Configuration always wins.
/// </summary>
internal sealed class VaultEnvironmentFallback : IPostConfigureOptions<VaultCredentialSourceOptions>
{
    private readonly VaultEnvironment _environment;

    public VaultEnvironmentFallback(VaultEnvironment environment)
    {
        _environment = environment;
    }

    public void PostConfigure(string? name, VaultCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = _environment.Read;
        if (options.Address is null && Clean(read("VAULT_ADDR")) is { } address)
        {
            options.Address = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
            options.AddressFromEnvironmentInvalid = options.Address is null;
        }

        if (string.IsNullOrWhiteSpace(options.Namespace))
        {
            options.Namespace = Clean(read("VAULT_NAMESPACE"));
        }

        if (string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            options.CaCertificateFile = Clean(read("VAULT_CACERT"));
        }

        if (options.SkipTlsVerify is null && Clean(read("VAULT_SKIP_VERIFY")) is { } skip)
        {
            options.SkipTlsVerify = ParseBool(skip);
        }

        options.Auth ??= new VaultAuthOptions();
        options.Fields ??= new VaultFieldOptions();
        if (options.Auth.Method == VaultAuthMethod.Token && string.IsNullOrWhiteSpace(options.Auth.Token))
        {
            options.Auth.Token = Clean(read("VAULT_TOKEN"));
        }
    }

    // Go's strconv.ParseBool, which the Vault CLI uses; anything else counts as true (the variable is set).
    private static bool ParseBool(string value) => value.ToUpperInvariant() switch
    {
        "0" or "F" or "FALSE" => false,
        _ => true,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
