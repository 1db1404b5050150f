using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Client;

public sealed class CustomRootTrustTests
{
    private static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=secrets.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
    }

    [Fact]
    public void Validate_ChainErrorsButLeafChainsToConfiguredCa_Accepts()
    {
        using var ca = CreateCa("test-ca");
        using var leaf = CreateLeaf(ca);

        Assert.True(CustomRootTrust.Validate([ca], leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_LeafFromAnotherCa_Rejects()
    {
        using var ca = CreateCa("test-ca");
        using var other = CreateCa("other-ca");
        using var leaf = CreateLeaf(ca);

        Assert.False(CustomRootTrust.Validate([other], leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_NameMismatchEvenWithTrustedChain_Rejects()
    {
        using var ca = CreateCa("test-ca");
        using var leaf = CreateLeaf(ca);

        Assert.False(CustomRootTrust.Validate(
            [ca], leaf, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_NoCertificate_Rejects()
    {
        using var ca = CreateCa("test-ca");

        Assert.False(CustomRootTrust.Validate([ca], null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void Validate_PlatformAlreadyTrustsTheServer_Accepts()
    {
        using var ca = CreateCa("test-ca");
        using var other = CreateCa("other-ca");
        using var leaf = CreateLeaf(ca);

        Assert.True(CustomRootTrust.Validate([other], leaf, SslPolicyErrors.None));
    }

    [Fact]
    public void Apply_SetsAValidationCallbackOnTheHandler()
    {
        using var ca = CreateCa("test-ca");
        using var handler = new SocketsHttpHandler();

        CustomRootTrust.Apply(handler, [ca]);

        Assert.NotNull(handler.SslOptions.RemoteCertificateValidationCallback);
    }
}
