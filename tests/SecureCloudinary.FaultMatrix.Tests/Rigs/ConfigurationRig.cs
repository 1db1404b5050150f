using Microsoft.Extensions.Configuration;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Sources;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

/// <summary>The Configuration source over an in-memory provider changed while the app runs (as a reloaded file would be).</summary>
internal sealed class ConfigurationRig : LocalRig
{
    private IConfigurationRoot? _root;
    private string? _pending;

    public override string Source => ConfigurationCredentialSource.SourceName;

    public override string SettingPrefix => "Cloudinary:";

    protected override string UrlSetting => "Cloudinary:Url";

    public override void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault) =>
        settings[UrlSetting] = _pending;

    public override void Attach(IConfigurationRoot root) => _root = root;

    protected override void SetUrl(string? value)
    {
        if (_root is null)
        {
            _pending = value;
        }
        else
        {
            _root[UrlSetting] = value;
        }
    }
}
