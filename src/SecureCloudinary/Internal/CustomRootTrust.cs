using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecureCloudinary.Internal;

/// <summary>
/// TLS validation against a configured CA only (a secret store's <c>CA file</c> setting): the server certificate must
/// be present, match the host name and chain to one of the given roots; revocation is not checked. Used by the
/// Vault and Conjur backends. It never switches verification off: that stays an explicit, logged backend choice.
/// </summary>
internal static class CustomRootTrust
{
    /// <summary>Makes <paramref name="handler"/> accept only server certificates that chain to <paramref name="roots"/>.</summary>
    /// <param name="handler">The primary handler of a secret-store client.</param>
    /// <param name="roots">The trusted CA certificates (not empty).</param>
    public static void Apply(SocketsHttpHandler handler, X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(roots);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(roots, certificate, errors);
    }

    /// <summary>Decides one TLS handshake.</summary>
    /// <param name="roots">The trusted CA certificates.</param>
    /// <param name="certificate">The server certificate, if any.</param>
    /// <param name="errors">The platform's verdict.</param>
    /// <returns>True to accept the server.</returns>
    public static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
