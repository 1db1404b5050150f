using System.Security.Cryptography.X509Certificates;
using SecureCloudinary.Internal;

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
            CustomRootTrust.Apply(handler, roots);
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
}
