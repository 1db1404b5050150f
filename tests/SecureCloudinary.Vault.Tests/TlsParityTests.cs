using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

/// <summary>Mutual TLS, CA certificates as PEM text or a directory, and the TLS server name override.</summary>
public sealed class TlsParityTests
{
    private static async Task<CredentialSnapshot> ReadAsync(VaultCredentialSourceOptions options, CancellationToken ct)
    {
        using var http = new HttpClient(VaultHttpHandlerFactory.Create(options, NullLogger.Instance));
        using var source = new VaultCredentialSource(http, options);
        return await source.GetCredentialsAsync(ct);
    }

    private static VaultCredentialSourceOptions Options(VaultEmulator vault) => new()
    {
        Address = vault.Address,
        Path = "p",
        MaxRetries = 0,
        Auth = new VaultAuthOptions { Token = vault.RootToken },
    };

    [Fact]
    public async Task ClientCertificate_IsPresentedToAListenerThatRequiresOne()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = TestCertificates.Server();
        var (client, clientPem, keyPem) = TestCertificates.Client();
        using var _ = client;
        await using var vault = await VaultEmulator.StartAsync(
            new VaultEmulatorOptions { ServerCertificate = server, RequiredClientCertificate = client }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));
        using var ca = new TempFile(server.ExportCertificatePem());
        using var certFile = new TempFile(clientPem);
        using var keyFile = new TempFile(keyPem);

        var without = Options(vault);
        without.CaCertificateFile = ca.Path;
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await ReadAsync(without, ct));

        var with = Options(vault);
        with.CaCertificateFile = ca.Path;
        with.ClientCertificateFile = certFile.Path;
        with.ClientKeyFile = keyFile.Path;
        var snapshot = await ReadAsync(with, ct);

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public void ClientCertificateWithoutKey_IsAConfigurationError()
    {
        var options = new VaultCredentialSourceOptions
        {
            Address = new Uri("https://vault.example.com"), Path = "p", ClientCertificateFile = "/x.pem", Auth = new() { Token = "t" },
        };

        Assert.Contains(VaultOptionsRules.Check(options, "Cloudinary:Vault:"), f => f.Contains("ClientKeyFile (VAULT_CLIENT_KEY)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CaCertificatePemText_TrustsTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = TestCertificates.Server();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = server }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));
        var options = Options(vault);
        options.CaCertificate = server.ExportCertificatePem();

        Assert.Equal(VaultTestKit.Credentials, (await ReadAsync(options, ct)).Credentials);
    }

    [Fact]
    public async Task CaCertificateDirectory_TrustsTheServer_AndAnEmptyDirectoryDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = TestCertificates.Server();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = server }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));
        var directory = Directory.CreateTempSubdirectory("vault-capath-");
        try
        {
            var empty = Options(vault);
            empty.CaCertificateDirectory = directory.FullName;
            await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await ReadAsync(empty, ct));

            File.WriteAllText(Path.Combine(directory.FullName, "vault-ca.pem"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory.FullName, "README"), "not a certificate");
            var options = Options(vault);
            options.CaCertificateDirectory = directory.FullName;

            Assert.Equal(VaultTestKit.Credentials, (await ReadAsync(options, ct)).Credentials);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TlsServerName_ChecksTheCertificateAgainstThatName()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = TestCertificates.Server("vault.internal");
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = server }, ct);
        vault.WriteSecret("secret", "p", VaultTestKit.Fields(VaultTestKit.Credentials));

        var byAddress = Options(vault);
        byAddress.CaCertificate = server.ExportCertificatePem();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await ReadAsync(byAddress, ct));

        var wrongName = Options(vault);
        wrongName.CaCertificate = server.ExportCertificatePem();
        wrongName.TlsServerName = "other.internal";
        await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await ReadAsync(wrongName, ct));

        var byName = Options(vault);
        byName.CaCertificate = server.ExportCertificatePem();
        byName.TlsServerName = "vault.internal";
        Assert.Equal(VaultTestKit.Credentials, (await ReadAsync(byName, ct)).Credentials);
    }
}
