using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Creates the primary handler of the Conjur HttpClient: no redirects (the token must not follow one), and, when
/// a CA certificate is configured, TLS validation against that CA only (the official clients' <c>CONJUR_CERT_FILE</c>).
/// </summary>
internal static class ConjurHttpHandlerFactory
{
    public static SocketsHttpHandler Create(ConjurCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var roots = LoadRoots(options);
        if (roots is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(roots, certificate, errors),
            };
        }

        return handler;
    }

    internal static X509Certificate2Collection? LoadRoots(ConjurCredentialSourceOptions options)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.Certificate))
        {
            roots.ImportFromPem(options.Certificate);
        }
        else if (!string.IsNullOrWhiteSpace(options.CertificateFile) && File.Exists(options.CertificateFile))
        {
            roots.ImportFromPemFile(options.CertificateFile);
        }
        else
        {
            return null;
        }

        return roots.Count == 0 ? null : roots;
    }

    internal static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
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
