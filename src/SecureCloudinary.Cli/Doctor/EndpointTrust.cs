using Microsoft.Extensions.Configuration;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// The trust rule of <c>doctor</c>: an endpoint or address that a file in the checked folder chose
/// (<c>appsettings*.json</c>) is not contacted with credentials that come from elsewhere (environment variables, a
/// secret store, the user's AWS profile) unless the user trusts the folder's configuration (<c>--trust-config</c>).
/// Otherwise a checkout could name its own host and collect the credentials of whoever runs doctor in it.
/// </summary>
internal static class EndpointTrust
{
    /// <summary>The endpoint settings known today, relative to the <c>Cloudinary</c> section.</summary>
    private static readonly string[] KnownEndpointSettings =
        ["ApiBaseAddress", "AwsSecretsManager:ServiceUrl", "Vault:Address", "Conjur:ApplianceUrl"];

    /// <summary>Sub-sections that belong to a credential source and are used only when it is selected.</summary>
    private static readonly string[] SourceSections = ["AwsSecretsManager", "Vault", "Conjur"];

    /// <summary>The Configuration source's credential settings: when they all come from the files, so may the API address.</summary>
    private static readonly string[] ConfigurationCredentialSettings = ["Url", "CloudName", "ApiKey", "ApiSecret"];

    /// <summary>Finds the endpoints doctor would contact that a file chose, with credentials that come from elsewhere.</summary>
    /// <param name="root">The configuration.</param>
    /// <param name="sectionName">The checked section: <c>Cloudinary</c>, or an account's <c>Cloudinary:Accounts:NAME</c>.</param>
    /// <param name="sourceName">The selected source.</param>
    /// <param name="ping">Whether Cloudinary's API will be called.</param>
    /// <returns>The untrusted endpoints, in key order; empty when there are none.</returns>
    public static IReadOnlyList<FileEndpoint> FindUntrusted(IConfigurationRoot root, string sectionName, string sourceName, bool ping)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<FileEndpoint>();
        foreach (var (key, value) in root.GetSection(sectionName).AsEnumerable())
        {
            if (string.IsNullOrWhiteSpace(value) || key.Length <= sectionName.Length + 1)
            {
                continue;
            }

            var relative = key[(sectionName.Length + 1)..];
            if (IsNamedAccount(sectionName, relative))
            {
                continue; // another account's setting: checked only when that account is (doctor --account NAME)
            }

            var endpoint = EndpointOf(relative, value);
            if (endpoint is null
                || !IsUsed(relative, sourceName, ping)
                || ConfigurationFileOrigin.Find(root, key) is not { } file
                || CredentialsComeFromFiles(root, sectionName, relative, sourceName))
            {
                continue;
            }

            found.Add(new FileEndpoint(key, file, endpoint));
        }

        return found;
    }

    /// <summary>Renders the refusal: one line per endpoint, then what to do.</summary>
    /// <param name="endpoints">The untrusted endpoints.</param>
    /// <returns>The message (names files, settings and hosts; never a value's path or query).</returns>
    public static string Describe(IReadOnlyList<FileEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var lines = endpoints.Select(e =>
            $"{e.File} sets {e.Setting} to the host {e.Host}; doctor did not contact it, because the credentials it would send there come from elsewhere (environment variables, a secret store).");
        return string.Join('\n', lines)
            + "\nCheck that file. If you trust it, run again with --trust-config (doctor then trusts it until its content changes; see docs/security.md).";
    }

    /// <summary>Whether a key below the unnamed <c>Cloudinary</c> section belongs to a named account.</summary>
    private static bool IsNamedAccount(string sectionName, string relative) =>
        string.Equals(sectionName, CliAccounts.RootSection, StringComparison.OrdinalIgnoreCase)
        && relative.StartsWith(CliAccounts.AccountsKey + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host:port an endpoint-type setting points at, or null when the value is not an endpoint.</summary>
    private static string? EndpointOf(string relative, string value)
    {
        var text = value.Trim();
        if (text.StartsWith("cloudinary://", StringComparison.OrdinalIgnoreCase))
        {
            // A Cloudinary URL's upload_prefix chooses the API host too.
            return CloudinaryCredentials.TryParse(text, out var credentials) && credentials.Settings.UploadPrefix is { } prefix
                ? HostOf(prefix)
                : null;
        }

        var known = Array.Exists(KnownEndpointSettings, s => string.Equals(s, relative, StringComparison.OrdinalIgnoreCase));
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return HostOf(uri); // any http(s) URL setting is an endpoint, including ones added later
        }

        return known ? "(unparsable address)" : null;
    }

    private static string HostOf(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

    /// <summary>Whether doctor would contact the endpoint: a source's section only when that source is selected.</summary>
    private static bool IsUsed(string relative, string sourceName, bool ping)
    {
        var colon = relative.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return ping; // Cloudinary's own settings (ApiBaseAddress, Url's upload_prefix) serve the ping
        }

        var subsection = relative[..colon];
        return string.Equals(subsection, sourceName, StringComparison.OrdinalIgnoreCase)
            || !Array.Exists(SourceSections, s => string.Equals(s, subsection, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the credentials doctor would send to a Cloudinary endpoint come from the folder's files too (the
    /// Configuration source with every credential setting in the files): then the files only reach what they hold.
    /// A store's address always needs trust: the store's credentials may come from the environment or a profile.
    /// </summary>
    private static bool CredentialsComeFromFiles(IConfigurationRoot root, string sectionName, string relative, string sourceName)
    {
        if (relative.Contains(':', StringComparison.Ordinal)
            || !string.Equals(sourceName, "Configuration", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var setting in ConfigurationCredentialSettings)
        {
            var key = $"{sectionName}:{setting}";
            if (!string.IsNullOrEmpty(root[key]) && ConfigurationFileOrigin.Find(root, key) is null)
            {
                return false;
            }
        }

        return true;
    }
}
