using System.Text;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Builds Conjur request URLs. Every path segment taken from configuration (account, login, service id, host id,
/// variable id) is escaped as one segment with <see cref="Uri.EscapeDataString(string)"/>, so <c>/</c>, <c>@</c>,
/// <c>+</c>, <c>&amp;</c>, <c>,</c> and spaces survive (<c>host/apps/web</c> → <c>host%2Fapps%2Fweb</c>).
/// </summary>
internal sealed class ConjurEndpoint
{
    /// <summary>The account Conjur Cloud always uses.</summary>
    public const string CloudAccount = "conjur";

    private const string BatchPrefix = "secrets?variable_ids=";

    /// <summary>The Conjur Cloud (Secrets Manager SaaS) domains the Go client knows (<c>ConjurCloudSuffixes</c>).</summary>
    private static readonly string[] CloudDomains =
    [
        ".cyberark.cloud",
        ".integration-cyberark.cloud",
        ".test-cyberark.cloud",
        ".dev-cyberark.cloud",
        ".cyberark-everest-integdev.cloud",
        ".cyberark-everest-pre-prod.cloud",
        ".sandbox-cyberark.cloud",
        ".pt-cyberark.cloud",
    ];

    public ConjurEndpoint(Uri applianceUrl, string account)
    {
        ArgumentNullException.ThrowIfNull(applianceUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        BaseUri = Normalize(applianceUrl);
        Account = account.Trim();
        EscapedAccount = Uri.EscapeDataString(Account);
    }

    /// <summary>The appliance URL with duplicate slashes collapsed and a trailing slash (and <c>/api</c> on Conjur Cloud).</summary>
    public Uri BaseUri { get; }

    public string Account { get; }

    private string EscapedAccount { get; }

    /// <summary>Whether the host is a Conjur Cloud (Secrets Manager SaaS) tenant.</summary>
    public static bool IsConjurCloud(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        // As the Go client's ConjurCloudRegexp: "(.secretsmgr|-secretsmanager)(<domain>)$" at the end of the host.
        return uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps
            && CloudDomains.Any(domain => uri.Host.EndsWith(".secretsmgr" + domain, StringComparison.OrdinalIgnoreCase)
                || uri.Host.EndsWith("-secretsmanager" + domain, StringComparison.OrdinalIgnoreCase));
    }

    public static Uri Normalize(Uri applianceUrl)
    {
        ArgumentNullException.ThrowIfNull(applianceUrl);
        var builder = new UriBuilder(applianceUrl) { Query = string.Empty, Fragment = string.Empty };
        var path = builder.Path;
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        path = path.TrimEnd('/');
        if (IsConjurCloud(applianceUrl) && !path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api";
        }

        builder.Path = path + "/";
        return builder.Uri;
    }

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    public Uri Authenticate(string login) =>
        Combine($"authn/{EscapedAccount}/{Escape(login)}/authenticate");

    /// <summary>The API-key authenticate URL under another authenticator base (<c>CONJUR_AUTHN_URL</c>, e.g. authn-ldap).</summary>
    public Uri Authenticate(Uri authnUrl, string login) =>
        new(authnUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + $"/{EscapedAccount}/{Escape(login)}/authenticate", UriKind.Absolute);

    public Uri JwtAuthenticate(string serviceId, string? hostId) =>
        Combine(string.IsNullOrWhiteSpace(hostId)
            ? $"authn-jwt/{Escape(serviceId)}/{EscapedAccount}/authenticate"
            : $"authn-jwt/{Escape(serviceId)}/{EscapedAccount}/{Escape(hostId)}/authenticate");

    public Uri Secret(string variableId) =>
        Combine($"secrets/{EscapedAccount}/variable/{Escape(variableId)}");

    /// <summary>One version of a variable's value: <c>GET /secrets/{account}/variable/{id}?version=N</c>.</summary>
    public Uri Secret(string variableId, int version) =>
        Combine($"secrets/{EscapedAccount}/variable/{Escape(variableId)}?version={version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>The variable's resource record (its <c>secrets</c> list the versions kept): <c>GET /resources/{account}/variable/{id}</c>.</summary>
    public Uri Resource(string variableId) =>
        Combine($"resources/{EscapedAccount}/variable/{Escape(variableId)}");

    /// <summary>The full resource id, as the batch endpoint's response keys carry it.</summary>
    public string FullId(string variableId) => $"{Account}:variable:{variableId}";

    /// <summary>Whether a variable can be read through the batch endpoint (the server splits the decoded list on commas).</summary>
    public static bool CanBatch(string variableId) => !variableId.Contains(',', StringComparison.Ordinal);

    /// <summary>The length of the batch URL's path and query for no ids.</summary>
    public int BatchBaseLength => BaseUri.AbsolutePath.Length + BatchPrefix.Length;

    /// <summary>What one id adds to the batch URL's length (including its comma).</summary>
    public int BatchIdLength(string variableId) => EscapedAccount.Length + ":variable:".Length + Escape(variableId).Length + 1;

    public Uri Batch(IReadOnlyList<string> variableIds)
    {
        var query = new StringBuilder(BatchPrefix);
        for (var i = 0; i < variableIds.Count; i++)
        {
            if (i > 0)
            {
                query.Append(',');
            }

            query.Append(EscapedAccount).Append(":variable:").Append(Escape(variableIds[i]));
        }

        return Combine(query.ToString());
    }

    private Uri Combine(string relative) => new(BaseUri.AbsoluteUri + relative, UriKind.Absolute);
}
