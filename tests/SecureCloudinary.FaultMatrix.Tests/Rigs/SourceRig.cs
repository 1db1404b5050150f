using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.FaultMatrix.Tests.Harness;

namespace SecureCloudinary.FaultMatrix.Tests.Rigs;

/// <summary>
/// One credential source with its store: writes credentials, injects each <see cref="MatrixFault"/> until cleared,
/// and registers the source on the DI builder. A rig serves one phase of one cell.
/// </summary>
internal abstract class SourceRig : IAsyncDisposable
{
    /// <summary>The value of <c>Cloudinary:Source</c> and the table's source column.</summary>
    public abstract string Source { get; }

    /// <summary>Text every cold error message must contain: the setting prefix of the source.</summary>
    public abstract string SettingPrefix { get; }

    /// <summary>The store's own secrets (tokens, secret ids, API keys) that must never reach any output.</summary>
    public virtual IEnumerable<string> StoreSecrets => [];

    /// <summary>The credentials the store holds now.</summary>
    public CloudinaryCredentials? Current { get; private set; }

    public abstract Task StartAsync(FakeTimeProvider time, CancellationToken cancellationToken);

    public void Write(CloudinaryCredentials credentials)
    {
        Current = credentials;
        WriteCore(credentials);
    }

    public virtual bool Supports(MatrixFault fault) => true;

    /// <summary>How the fault is produced, for the table.</summary>
    public abstract string Describe(MatrixFault fault, bool warm);

    /// <summary>Breaks the store until <see cref="Clear"/>.</summary>
    public abstract void Inject(MatrixFault fault, bool warm);

    /// <summary>Repairs what <see cref="Inject"/> broke (writing <see cref="Current"/> back where it was removed).</summary>
    public abstract void Clear(MatrixFault fault, bool warm);

    /// <summary>Adds configuration keys and registers the source.</summary>
    public abstract void Register(ISecureCloudinaryBuilder builder, IDictionary<string, string?> settings, MatrixFault fault);

    /// <summary>Called once the configuration is built (for sources that read it).</summary>
    public virtual void Attach(Microsoft.Extensions.Configuration.IConfigurationRoot root)
    {
    }

    public abstract ValueTask DisposeAsync();

    protected abstract void WriteCore(CloudinaryCredentials credentials);

    /// <summary>The store's JSON secret shape.</summary>
    protected static string Json(CloudinaryCredentials c, bool withSecret = true) => withSecret
        ? $$"""{"cloud_name":"{{c.CloudName}}","api_key":"{{c.ApiKey}}","api_secret":"{{c.ApiSecret}}"}"""
        : $$"""{"cloud_name":"{{c.CloudName}}","api_key":"{{c.ApiKey}}"}""";

    protected static Dictionary<string, string> Fields(CloudinaryCredentials c, bool withSecret = true)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cloud_name"] = c.CloudName,
            ["api_key"] = c.ApiKey,
        };
        if (withSecret)
        {
            fields["api_secret"] = c.ApiSecret;
        }

        return fields;
    }

    protected CloudinaryCredentials Stored => Current ?? throw new InvalidOperationException("Write credentials first.");

    protected const string MalformedValue = "{\"cloud_name\": \"demo\", api_key: 12";

    /// <summary>A persistent fault is queued this many times, then cleared.</summary>
    protected const int Persistent = 10_000;
}
