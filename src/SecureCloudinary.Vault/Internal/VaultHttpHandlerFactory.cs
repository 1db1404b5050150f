using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Builds the primary handler of the Vault <see cref="HttpClient"/>: no automatic redirects (standby redirects are
/// followed by <see cref="VaultHttp"/> under its own rules), the configured CA certificates as the only trust roots
/// when set (file, then PEM text, then directory, as the Go client's precedence), a client certificate for mutual TLS,
/// a server-name override for the certificate check, and certificate checks off only on explicit
/// <c>SkipTlsVerify</c>, with a warning.
/// </summary>
internal static class VaultHttpHandlerFactory
{
    public static SocketsHttpHandler Create(VaultCredentialSourceOptions options, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        if (ClientCertificate(options) is { } client)
        {
            handler.SslOptions.ClientCertificates = [client];

            // Present the certificate whatever CA list the server announces (as the Go client does).
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        if (options.SkipTlsVerify == true)
        {
            logger.TlsVerificationDisabled();
#pragma warning disable CA5359 // The user switched verification off explicitly (SkipTlsVerify / VAULT_SKIP_VERIFY); a warning is logged.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
            return handler;
        }

        var roots = TrustedRoots(options);
        var serverName = string.IsNullOrWhiteSpace(options.TlsServerName) ? null : options.TlsServerName.Trim();
        if (roots is null && serverName is null)
        {
            return handler;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (serverName is not null)
            {
                if (certificate is null)
                {
                    return false;
                }

                using var leaf = new X509Certificate2(certificate);
                if (!leaf.MatchesHostname(serverName))
                {
                    return false;
                }

                errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
            }

            return roots is null ? errors == SslPolicyErrors.None : CustomRootTrust.Validate(roots, certificate, errors);
        };
        return handler;
    }

    private static X509Certificate2Collection? TrustedRoots(VaultCredentialSourceOptions options)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            roots.ImportFromPemFile(options.CaCertificateFile);
        }
        else if (!string.IsNullOrWhiteSpace(options.CaCertificate))
        {
            roots.ImportFromPem(options.CaCertificate);
        }
        else if (!string.IsNullOrWhiteSpace(options.CaCertificateDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(options.CaCertificateDirectory).Order(StringComparer.Ordinal))
            {
                try
                {
                    roots.ImportFromPemFile(file);
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
                {
                    // Like the Go client's rootcerts, files that are not PEM certificates are skipped.
                }
            }
        }
        else
        {
            return null;
        }

        return roots;
    }

    private static X509Certificate2? ClientCertificate(VaultCredentialSourceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ClientCertificateFile) || string.IsNullOrWhiteSpace(options.ClientKeyFile))
        {
            return null;
        }

        using var pem = X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile);

        // A PEM key is ephemeral; some platforms' TLS stacks need it in a (PKCS#12-loaded) key store.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
