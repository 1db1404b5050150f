using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecureCloudinary.Vault.Tests;

/// <summary>Certificates made in the test with <see cref="CertificateRequest"/>: a self-signed server and a client.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed server certificate for 127.0.0.1, or for <paramref name="dnsName"/> only.</summary>
    public static X509Certificate2 Server(string? dnsName = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + (dnsName ?? "vault-emulator"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        if (dnsName is null)
        {
            san.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            san.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A self-signed TLS client certificate and its PEM files (certificate, unencrypted PKCS#8 key).</summary>
    public static (X509Certificate2 Certificate, string CertificatePem, string KeyPem) Client()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=vault-client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        return (certificate, created.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
