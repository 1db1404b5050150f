namespace SecureCloudinary.Internal;

/// <summary>The transport rule for every address credentials are sent to: HTTPS, or plain HTTP to loopback only.</summary>
internal static class EndpointRules
{
    /// <summary>Whether <paramref name="address"/> is absolute and uses HTTPS, or HTTP to a loopback host.</summary>
    public static bool IsSecureOrLoopback(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri)
        {
            return false;
        }

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        return address.Scheme == Uri.UriSchemeHttp && address.IsLoopback;
    }
}
