using System.Diagnostics;
using System.Reflection;

namespace SecureCloudinary.Tests.Model;

/// <summary>Issue 11 item 14: the debugger never shows a secret (or the API key) of the types that hold one.</summary>
public sealed class DebuggerHidingTests
{
    private const string Secret = "Sentinel-Secret-Zq81xR0aPw";
    private const string ApiKey = "918273645546372";

    private static readonly CloudinaryCredentials Credentials = new("demo", ApiKey, Secret);

    [Fact]
    public void CloudinaryCredentials_SecretAndKeyHiddenFromDebugger()
    {
        var visible = DebuggerView.VisibleStrings(Credentials);

        Assert.DoesNotContain(visible, v => v.Value.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(visible, v => v.Value.Contains(ApiKey, StringComparison.Ordinal));
        Assert.Contains(visible, v => v.Value == "demo");
        Assert.Contains(visible, v => v.Value == Credentials.Fingerprint);
        Assert.Equal(
            DebuggerBrowsableState.Never,
            typeof(CloudinaryCredentials).GetProperty(nameof(CloudinaryCredentials.ApiSecret))!.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State);
    }

    [Fact]
    public void CredentialSnapshot_ShowsNoSecretWhenExpanded()
    {
        var snapshot = new CredentialSnapshot(Credentials, "v7", DateTimeOffset.UnixEpoch);

        var visible = DebuggerView.VisibleStrings(snapshot);

        Assert.DoesNotContain(visible, v => v.Value.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(visible, v => v.Value.Contains(ApiKey, StringComparison.Ordinal));
        Assert.Contains(visible, v => v.Value == "v7");
        Assert.NotNull(typeof(CredentialSnapshot).GetCustomAttribute<DebuggerDisplayAttribute>());
    }
}
