using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.FaultMatrix.Tests.Harness;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

/// <summary>
/// The built-in sources without a network (Environment, Configuration): only missing or malformed values apply.
/// The credentials are one <c>cloudinary://</c> URL.
/// </summary>
internal abstract class LocalRig : SourceRig
{
    public override Task StartAsync(FakeTimeProvider time, CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool Supports(MatrixFault fault) => !MatrixFaults.IsNetwork(fault);

    /// <summary>The name of the URL setting, as the table shows it.</summary>
    protected abstract string UrlSetting { get; }

    public override string Describe(MatrixFault fault, bool warm) => fault switch
    {
        MatrixFault.SecretDeleted => $"`{UrlSetting}` removed",
        MatrixFault.FieldRemoved => $"`{UrlSetting}` without the secret",
        MatrixFault.MalformedSecretValue => $"`{UrlSetting}` = an https:// URL",
        MatrixFault.CloudinaryKeyRotated => $"`{UrlSetting}` with key B; key A disabled",
        _ => "n/a",
    };

    public override void Inject(MatrixFault fault, bool warm)
    {
        switch (fault)
        {
            case MatrixFault.SecretDeleted: SetUrl(null); break;
            case MatrixFault.FieldRemoved: SetUrl($"cloudinary://{Stored.ApiKey}@{Stored.CloudName}"); break;
            case MatrixFault.MalformedSecretValue: SetUrl("https://example.com/not-cloudinary"); break;
        }
    }

    public override void Clear(MatrixFault fault, bool warm) => WriteCore(Stored);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override void WriteCore(CloudinaryCredentials credentials) =>
        SetUrl($"cloudinary://{credentials.ApiKey}:{Uri.EscapeDataString(credentials.ApiSecret)}@{credentials.CloudName}");

    protected abstract void SetUrl(string? value);
}
