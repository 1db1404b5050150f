using System.Net;

namespace SecureCloudinary.Internal;

/// <summary>
/// The one place the "HTTPS unless loopback" rule is written. Used for the Cloudinary API base address and by
/// every secret-store client. Messages name the setting and never repeat its value.
/// </summary>
internal static class EndpointRules
{
    /// <summary>Whether the host is loopback: <c>localhost</c>, <c>127.0.0.0/8</c> or <c>::1</c>.</summary>
    /// <param name="uri">An absolute URI.</param>
    /// <returns>True for a loopback host.</returns>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        return uri.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 =>
                IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address),
            UriHostNameType.Dns => string.Equals(uri.DnsSafeHost, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Whether a delivery host setting (<c>host</c> or <c>host:port</c>, no scheme) names a loopback host.</summary>
    /// <param name="hostAndPort">E.g. <c>127.0.0.1:5000</c> or <c>localhost</c>.</param>
    /// <returns>True for <c>localhost</c>, <c>127.0.0.0/8</c> or <c>[::1]</c>, with or without a port.</returns>
    public static bool IsLoopbackHost(string? hostAndPort) =>
        !string.IsNullOrEmpty(hostAndPort)
        && Uri.TryCreate("http://" + hostAndPort + "/", UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.UserInfo)
        && IsLoopback(uri);

    /// <summary>Whether the URI is absolute, carries no user info and uses HTTPS (or HTTP to a loopback host).</summary>
    /// <param name="uri">The URI to check.</param>
    /// <returns>True when the endpoint is acceptable.</returns>
    public static bool IsHttpsOrLoopback(Uri uri) => Check(uri) is null;

    /// <summary>Throws unless the URI is absolute, carries no user info and uses HTTPS (or HTTP to a loopback host).</summary>
    /// <param name="uri">The endpoint.</param>
    /// <param name="settingName">The setting the URI came from, e.g. <c>Cloudinary:ApiBaseAddress</c>.</param>
    /// <exception cref="InvalidOperationException">The endpoint is not acceptable; the message names the setting.</exception>
    public static void EnsureHttpsOrLoopback(Uri uri, string settingName)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(settingName);
        var problem = Check(uri);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{settingName} {problem}");
        }
    }

    private static string? Check(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return "must be an absolute https:// URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain a user name or password.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return IsLoopback(uri)
                ? null
                : "must use https://; plain http:// is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1).";
        }

        return "must be an https:// URL.";
    }
}
