using Microsoft.Extensions.Logging;
using SecureCloudinary.Conformance;

namespace SecureCloudinary.Vault.Tests.Conformance;

/// <summary>The shared suite over the Vault emulator: AppRole login, KV v2 (versions).</summary>
public sealed class VaultKvV2ConformanceTests : CredentialSourceConformanceTests
{
    protected override async Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        new VaultStore(await VaultTestKit.StartAsync(cancellationToken), kvVersion: 2);
}

/// <summary>The shared suite over the Vault emulator: token auth, KV v1 (no versions).</summary>
public sealed class VaultKvV1ConformanceTests : CredentialSourceConformanceTests
{
    protected override async Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        new VaultStore(await VaultTestKit.StartAsync(cancellationToken), kvVersion: 1);
}

internal sealed class VaultStore : ICredentialStoreFixture
{
    private readonly VaultTestKit _kit;
    private readonly int _kvVersion;
    private readonly string _mount;
    private readonly VaultCredentialSourceOptions _options;

    public VaultStore(VaultTestKit kit, int kvVersion)
    {
        _kit = kit;
        _kvVersion = kvVersion;
        _mount = kvVersion == 2 ? "secret" : "kv";
        if (kvVersion == 1)
        {
            kit.Emulator.EnableKv("kv", 1);
            _options = kit.TokenOptions(kit.Emulator.CreateToken(VaultTestKit.Spec()));
            _options.MountPath = "kv";
        }
        else
        {
            _options = kit.AppRoleOptions();
        }
    }

    public string ExpectedSourceName => "Vault";

    public bool HasVersions => _kvVersion == 2;

    public Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken)
    {
        _kit.Emulator.WriteSecret(_mount, VaultTestKit.Path, VaultTestKit.Fields(credentials));
        return Task.CompletedTask;
    }

    public Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken)
    {
        _kit.Emulator.WriteSecret(_mount, VaultTestKit.Path, new Dictionary<string, string> { ["url"] = text });
        return Task.CompletedTask;
    }

    public Task DeleteSecretAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.DeleteSecret(_mount, VaultTestKit.Path);
        return Task.CompletedTask;
    }

    public Task<bool> DenyAccessAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.SetPolicy(VaultTestKit.Policy);
        return Task.FromResult(true);
    }

    public Task<bool> TakeDownAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.Seal();
        return Task.FromResult(true);
    }

    public ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory) => _kit.Source(_options, loggerFactory);

    public ValueTask DisposeAsync() => _kit.DisposeAsync();
}
