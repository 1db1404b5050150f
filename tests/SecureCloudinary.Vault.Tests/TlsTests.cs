using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

public sealed class TlsTests
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=vault-emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task CaCertificateFile_TrustsTheServersSelfSignedCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = certificate }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));
        using var ca = new TempFile(certificate.ExportCertificatePem());
        var options = new VaultCredentialSourceOptions
        {
            Address = vault.Address,
            Path = "p",
            CaCertificateFile = ca.Path,
            Auth = new VaultAuthOptions { Token = vault.RootToken },
        };
        using var http = new HttpClient(VaultHttpHandlerFactory.Create(options, NullLogger.Instance));
        using var source = new VaultCredentialSource(http, options);

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Uri.UriSchemeHttps, vault.Address.Scheme);
        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public async Task UntrustedCertificate_ThrowsUnavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = certificate }, ct);
        var options = new VaultCredentialSourceOptions
        {
            Address = vault.Address,
            Path = "p",
            MaxRetries = 0,
            Auth = new VaultAuthOptions { Token = vault.RootToken },
        };
        using var http = new HttpClient(VaultHttpHandlerFactory.Create(options, NullLogger.Instance));
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.Empty(vault.Requests);
    }

    [Fact]
    public async Task SkipTlsVerify_AcceptsAnUntrustedCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = certificate }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));
        var options = new VaultCredentialSourceOptions
        {
            Address = vault.Address,
            Path = "p",
            SkipTlsVerify = true,
            Auth = new VaultAuthOptions { Token = vault.RootToken },
        };
        using var http = new HttpClient(VaultHttpHandlerFactory.Create(options, NullLogger.Instance));
        using var source = new VaultCredentialSource(http, options);

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }
}
