using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Conjur;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

internal sealed class ConjurRig : SourceRig
{
    private const string HostId = "apps/web";
    private const string Login = "host/" + HostId;
    private const string Variable = "apps/web/cloudinary";
    private ConjurEmulator _emulator = null!;
    private TcpGate _gate = null!;
    private string _apiKey = string.Empty;

    public override string Source => ConjurCredentialSource.SourceName;

    public override IEnumerable<string> StoreSecrets => [_apiKey];

    public override string SettingPrefix => "Cloudinary:Conjur:";

    public override async Task StartAsync(FakeTimeProvider time, CancellationToken cancellationToken)
    {
        _emulator = await ConjurEmulator.StartAsync(new() { TimeProvider = time }, cancellationToken);
        _apiKey = _emulator.AddHost(HostId);
        _emulator.DeclareVariable(Variable);
        _emulator.Permit(Login, Variable);
        _gate = TcpGate.Start(_emulator.BaseAddress);
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
        MatrixFault.StoreTokenRevoked => "cold: host disabled (login refused); warm: `RevokeAllTokens`",
        MatrixFault.SecretDeleted => "`DeleteVariable`",
        MatrixFault.FieldRemoved => "new value without `api_secret`",
        MatrixFault.MalformedSecretValue => "new value that is neither JSON nor a URL",
        MatrixFault.CloudinaryKeyRotated => "new value with key B; key A disabled",
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
            case MatrixFault.StoreTokenRevoked: _emulator.SetRoleEnabled(Login, enabled: false); break;
            case MatrixFault.SecretDeleted: _emulator.DeleteVariable(Variable); break;
            case MatrixFault.FieldRemoved: _emulator.SetSecret(Variable, Json(Stored, withSecret: false)); break;
            case MatrixFault.MalformedSecretValue: _emulator.SetSecret(Variable, MalformedValue); break;
        }
    }

    public override void Clear(MatrixFault fault, bool warm)
    {
        _emulator.ClearFaults();
        _gate.Open();
        _emulator.SetRoleEnabled(Login, enabled: true);
        if (fault is MatrixFault.SecretDeleted or MatrixFault.FieldRemoved or MatrixFault.MalformedSecretValue)
        {
            WriteCore(Stored);
        }
    }

    public override void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault)
    {
        settings["Cloudinary:Conjur:ApplianceUrl"] = _gate.Address.ToString();
        settings["Cloudinary:Conjur:Account"] = _emulator.Account;
        settings["Cloudinary:Conjur:Login"] = Login;
        settings["Cloudinary:Conjur:ApiKey"] = _apiKey;
        settings["Cloudinary:Conjur:Variable"] = Variable;
        settings["Cloudinary:Conjur:RetryDelay"] = "00:00:00";
        settings["Cloudinary:Conjur:Timeout"] = MatrixTimeouts.For(fault).ToString("c", CultureInfo.InvariantCulture);
        settings["Cloudinary:Conjur:MaxRetries"] = MatrixTimeouts.Retries(fault, 2).ToString(CultureInfo.InvariantCulture);
        builder.AddConjur();
    }

    public override async ValueTask DisposeAsync()
    {
        await _gate.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    protected override void WriteCore(CloudinaryCredentials credentials) => _emulator.SetSecret(Variable, Json(credentials));
}
