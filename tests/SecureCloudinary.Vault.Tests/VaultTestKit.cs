using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Vault.Tests;

/// <summary>An emulator on a fake clock plus helpers to build sources against it.</summary>
internal sealed class VaultTestKit : IAsyncDisposable
{
    public const string Path = "cloudinary/prod";
    public const string Policy = "cloudinary-read";
    public const string RoleId = "role-id-1234";
    public const string SecretId = "AppRole-Secret-Id_77f0c1d2";

    private readonly List<VaultCredentialSource> _sources = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }); // as AddVault's handler

    private VaultTestKit(VaultEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
    }

    public VaultEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; } = new();

    public static CloudinaryCredentials Credentials { get; } = new("vault-cloud", "123456789012345", "Vault-Api-Secret_0a1b2c3d4e");

    public static async Task<VaultTestKit> StartAsync(CancellationToken ct)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var emulator = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = time }, ct);
        emulator.SetPolicy(Policy, $"secret/data/{Path}", "kv/" + Path);
        return new VaultTestKit(emulator, time);
    }

    public static Dictionary<string, string> Fields(CloudinaryCredentials c) => new()
    {
        ["cloud_name"] = c.CloudName,
        ["api_key"] = c.ApiKey,
        ["api_secret"] = c.ApiSecret,
    };

    public static VaultTokenSpec Spec(TimeSpan? ttl = null, bool renewable = true, TimeSpan? maxTtl = null) =>
        new() { Policies = ["default", Policy], Ttl = ttl ?? TimeSpan.FromHours(1), Renewable = renewable, MaxTtl = maxTtl };

    public int WriteV2(CloudinaryCredentials? c = null) => Emulator.WriteSecret("secret", Path, Fields(c ?? Credentials));

    /// <summary>Options for AppRole login on the default KV v2 mount (the AppRole is added to the emulator).</summary>
    public VaultCredentialSourceOptions AppRoleOptions(VaultTokenSpec? spec = null)
    {
        Emulator.AddAppRole(RoleId, SecretId, spec ?? Spec());
        var options = Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = RoleId, SecretId = SecretId };
        return options;
    }

    public VaultCredentialSourceOptions TokenOptions(string token)
    {
        var options = Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Token, Token = token };
        return options;
    }

    public VaultCredentialSourceOptions Base() => new()
    {
        Address = Emulator.Address,
        Path = Path,
        RetryDelay = TimeSpan.Zero,
    };

    public VaultCredentialSource Source(VaultCredentialSourceOptions options, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        var source = new VaultCredentialSource(_http, options, Time, loggerFactory);
        _sources.Add(source);
        return source;
    }

    public int Count(string path, int? status = null) =>
        Emulator.Requests.Count(r => r.Path == path && (status is null || r.StatusCode == status));

    public int LoginCount(string mount = "approle") => Count($"auth/{mount}/login", 200);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        _http.Dispose();
        await Emulator.DisposeAsync();
    }
}
