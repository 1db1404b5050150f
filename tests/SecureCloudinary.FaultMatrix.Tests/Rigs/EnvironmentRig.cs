using System.Collections.Concurrent;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Sources;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

/// <summary>The Environment source over a private variable table (the process environment is shared by parallel tests).</summary>
internal sealed class EnvironmentRig : LocalRig
{
    private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

    public override string Source => EnvironmentCredentialSource.SourceName;

    public override string SettingPrefix => "CLOUDINARY_";

    protected override string UrlSetting => "CLOUDINARY_URL";

    public override void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault) =>
        builder.AddCredentialSource(Source, _ => new EnvironmentCredentialSource(name => _variables.TryGetValue(name, out var v) ? v : null));

    protected override void SetUrl(string? value)
    {
        if (value is null)
        {
            _variables.TryRemove(UrlSetting, out _);
        }
        else
        {
            _variables[UrlSetting] = value;
        }
    }
}
