using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

internal sealed class VaultRig : SourceRig
{
    private const string Path = "cloudinary/prod";
    private const string RoleId = "app-role";
    private const string SecretId = "app-secret-id-0001";
    private VaultEmulator _emulator = null!;
    private TcpGate _gate = null!;

    public override string Source => VaultCredentialSource.SourceName;

    public override IEnumerable<string> StoreSecrets => [SecretId, _emulator.RootToken];

    public override string SettingPrefix => "Cloudinary:Vault:";

    public override async Task StartAsync(FakeTimeProvider time, CancellationToken cancellationToken)
    {
        _emulator = await VaultEmulator.StartAsync(new() { TimeProvider = time }, cancellationToken);
        _emulator.SetPolicy("app", "secret/data/" + Path);
        _emulator.AddAppRole(RoleId, SecretId, new VaultTokenSpec { Policies = ["app"] });
        _gate = TcpGate.Start(_emulator.Address);
    }

    public override string Describe(MatrixFault fault, bool warm) => fault switch
    {
        MatrixFault.Http500 => "`FailNextRequests(500)`",
        MatrixFault.Http503 => "`FailNextRequests(503)`",
        MatrixFault.TooManyRequests => "`InjectFault(TooManyRequests)`",
        MatrixFault.ConnectionRefused => "listener closed",
        MatrixFault.Timeout => "`InjectFault(StallBeforeHeaders)`",
        MatrixFault.StallMidBody => "`InjectFault(StallMidBody)`",
        MatrixFault.MalformedJson => "`InjectFault(MalformedJson)`",
        MatrixFault.OversizedBody => "`InjectFault(OversizedBody)` (1 MiB, cap 64 KiB)",
        MatrixFault.WrongContentType => "`InjectFault(WrongContentType)`",
        MatrixFault.StoreTokenRevoked => "cold: AppRole secret id revoked; warm: `RevokeAllTokens`",
        MatrixFault.SecretDeleted => "`DeleteSecret` (all versions)",
        MatrixFault.FieldRemoved => "new KV version without `api_secret`",
        MatrixFault.MalformedSecretValue => "new KV version: `url` field that is not a Cloudinary URL",
        MatrixFault.CloudinaryKeyRotated => "new KV version with key B; key A disabled",
        _ => string.Empty,
    };

    public override void Inject(MatrixFault fault, bool warm)
    {
        switch (fault)
        {
            case MatrixFault.Http500: _emulator.FailNextRequests(Persistent, HttpStatusCode.InternalServerError); break;
            case MatrixFault.Http503: _emulator.FailNextRequests(Persistent, HttpStatusCode.ServiceUnavailable); break;
            case MatrixFault.TooManyRequests: _emulator.InjectFault(EmulatedHttpFault.TooManyRequests, Persistent); break;
            case MatrixFault.ConnectionRefused: _gate.Close(); break;
            case MatrixFault.Timeout: _emulator.InjectFault(EmulatedHttpFault.StallBeforeHeaders, Persistent); break;
            case MatrixFault.StallMidBody: _emulator.InjectFault(EmulatedHttpFault.StallMidBody, Persistent); break;
            case MatrixFault.MalformedJson: _emulator.InjectFault(EmulatedHttpFault.MalformedJson, Persistent); break;
            case MatrixFault.OversizedBody: _emulator.InjectFault(EmulatedHttpFault.OversizedBody, Persistent); break;
            case MatrixFault.WrongContentType: _emulator.InjectFault(EmulatedHttpFault.WrongContentType, Persistent); break;
            case MatrixFault.StoreTokenRevoked when warm: _emulator.RevokeAllTokens(); break;
            case MatrixFault.StoreTokenRevoked: _emulator.RevokeCredentials("approle", RoleId); break;
            case MatrixFault.SecretDeleted: _emulator.DeleteSecret("secret", Path); break;
            case MatrixFault.FieldRemoved: _emulator.WriteSecret("secret", Path, Fields(Stored, withSecret: false)); break;
            case MatrixFault.MalformedSecretValue:
                _emulator.WriteSecret("secret", Path, new Dictionary<string, string> { ["url"] = "https://example.com/not-cloudinary" });
                break;
        }
    }

    public override void Clear(MatrixFault fault, bool warm)
    {
        _emulator.ClearFaults();
        _gate.Open();
        if (fault == MatrixFault.StoreTokenRevoked && !warm)
        {
            _emulator.AddSecretId(RoleId, SecretId);
        }

        if (fault is MatrixFault.SecretDeleted or MatrixFault.FieldRemoved or MatrixFault.MalformedSecretValue)
        {
            WriteCore(Stored);
        }
    }

    public override void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault)
    {
        settings["Cloudinary:Vault:Address"] = _gate.Address.ToString();
        settings["Cloudinary:Vault:Path"] = Path;
        settings["Cloudinary:Vault:Auth:Method"] = "AppRole";
        settings["Cloudinary:Vault:Auth:RoleId"] = RoleId;
        settings["Cloudinary:Vault:Auth:SecretId"] = SecretId;
        settings["Cloudinary:Vault:RetryDelay"] = "00:00:00";
        settings["Cloudinary:Vault:Timeout"] = MatrixTimeouts.For(fault).ToString("c", CultureInfo.InvariantCulture);
        settings["Cloudinary:Vault:MaxRetries"] = MatrixTimeouts.Retries(fault, 2).ToString(CultureInfo.InvariantCulture);
        builder.AddVault();
    }

    public override async ValueTask DisposeAsync()
    {
        await _gate.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    protected override void WriteCore(CloudinaryCredentials credentials) => _emulator.WriteSecret("secret", Path, Fields(credentials));
}
