using System.Globalization;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

internal sealed class AwsSecretsManagerRig : SourceRig
{
    private const string SecretName = "prod/cloudinary";
    private SecretsManagerEmulator _emulator = null!;
    private TcpGate _gate = null!;
    private bool _exists;

    public override string Source => AwsSecretsManagerCredentialSource.SourceName;

    public override IEnumerable<string> StoreSecrets => [_emulator.SecretAccessKey];

    public override string SettingPrefix => "Cloudinary:AwsSecretsManager:";

    public override async Task StartAsync(FakeTimeProvider time, CancellationToken cancellationToken)
    {
        _emulator = await SecretsManagerEmulator.StartAsync(new() { TimeProvider = time }, cancellationToken);
        _gate = TcpGate.Start(_emulator.BaseAddress);
    }

    public override string Describe(MatrixFault fault, bool warm) => fault switch
    {
        MatrixFault.Http500 => "`InternalError` fault",
        MatrixFault.Http503 => "`ServiceUnavailable` fault",
        MatrixFault.TooManyRequests => "`TooManyRequests` fault",
        MatrixFault.ConnectionRefused => "listener closed",
        MatrixFault.Timeout => "`Slow` fault (never answers)",
        MatrixFault.StallMidBody => "`StallMidBody` fault",
        MatrixFault.MalformedJson => "`MalformedBody` fault",
        MatrixFault.OversizedBody => "`OversizedBody` fault (128 KiB, cap 64 KiB)",
        MatrixFault.WrongContentType => "`WrongContentType` fault",
        MatrixFault.StoreTokenRevoked => "`ExpiredToken` fault (ExpiredTokenException)",
        MatrixFault.SecretDeleted => "`DeleteSecret`",
        MatrixFault.FieldRemoved => "new version without `api_secret`",
        MatrixFault.MalformedSecretValue => "new version that is not JSON",
        MatrixFault.CloudinaryKeyRotated => "new version with key B; key A disabled",
        _ => string.Empty,
    };

    public override void Inject(MatrixFault fault, bool warm)
    {
        switch (fault)
        {
            case MatrixFault.Http500: _emulator.InjectFault(SecretsManagerFault.InternalError, Persistent); break;
            case MatrixFault.Http503: _emulator.InjectFault(SecretsManagerFault.ServiceUnavailable, Persistent); break;
            case MatrixFault.TooManyRequests: _emulator.InjectFault(SecretsManagerFault.TooManyRequests, Persistent); break;
            case MatrixFault.ConnectionRefused: _gate.Close(); break;
            case MatrixFault.Timeout: _emulator.InjectFault(SecretsManagerFault.Slow, Persistent); break;
            case MatrixFault.StallMidBody: _emulator.InjectFault(SecretsManagerFault.StallMidBody, Persistent); break;
            case MatrixFault.MalformedJson: _emulator.InjectFault(SecretsManagerFault.MalformedBody, Persistent); break;
            case MatrixFault.OversizedBody: _emulator.InjectFault(SecretsManagerFault.OversizedBody, Persistent); break;
            case MatrixFault.WrongContentType: _emulator.InjectFault(SecretsManagerFault.WrongContentType, Persistent); break;
            case MatrixFault.StoreTokenRevoked: _emulator.InjectFault(SecretsManagerFault.ExpiredToken, Persistent); break;
            case MatrixFault.SecretDeleted: _emulator.DeleteSecret(SecretName); _exists = false; break;
            case MatrixFault.FieldRemoved: Put(Json(Stored, withSecret: false)); break;
            case MatrixFault.MalformedSecretValue: Put(MalformedValue); break;
        }
    }

    public override void Clear(MatrixFault fault, bool warm)
    {
        _emulator.ClearFaults();
        _gate.Open();
        if (fault is MatrixFault.SecretDeleted or MatrixFault.FieldRemoved or MatrixFault.MalformedSecretValue)
        {
            WriteCore(Stored);
        }
    }

    public override void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault)
    {
        settings["Cloudinary:AwsSecretsManager:SecretId"] = SecretName;
        settings["Cloudinary:AwsSecretsManager:ServiceUrl"] = _gate.Address.ToString();
        settings["Cloudinary:AwsSecretsManager:Region"] = _emulator.Region;
        settings["Cloudinary:AwsSecretsManager:RetryBaseDelay"] = "00:00:00";
        settings["Cloudinary:AwsSecretsManager:MaxAttempts"] = (MatrixTimeouts.Retries(fault, 2) + 1).ToString(CultureInfo.InvariantCulture);
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(_emulator.AccessKeyId, _emulator.SecretAccessKey));
        builder.AddAwsSecretsManager();
        // The package has no timeout setting of its own: the named HttpClient's Timeout applies.
        builder.Services.AddHttpClient(AwsSecretsManagerCredentialSource.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = MatrixTimeouts.For(fault));
    }

    public override async ValueTask DisposeAsync()
    {
        await _gate.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    protected override void WriteCore(CloudinaryCredentials credentials) => Put(Json(credentials));

    private void Put(string text)
    {
        if (_exists)
        {
            _emulator.PutSecretValue(SecretName, text);
        }
        else
        {
            _emulator.CreateSecret(SecretName, text);
            _exists = true;
        }
    }
}
