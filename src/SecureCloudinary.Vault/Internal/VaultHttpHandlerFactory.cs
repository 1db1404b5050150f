using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Builds the primary handler of the Vault <see cref="HttpClient"/>: no automatic redirects (a token must never
/// follow a redirect to another host), the CA file as the only trust root when set, and certificate checks off
/// only on explicit <c>SkipTlsVerify</c>, with a warning.
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
        if (options.SkipTlsVerify == true)
        {
            logger.TlsVerificationDisabled();
#pragma warning disable CA5359 // The user switched verification off explicitly (SkipTlsVerify / VAULT_SKIP_VERIFY); a warning is logged.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.CaCertificateFile);
            CustomRootTrust.Apply(handler, roots);
        }

        return handler;
    }
}
