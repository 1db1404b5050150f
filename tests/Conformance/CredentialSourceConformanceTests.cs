using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SecureCloudinary.Conformance;

/// <summary>
/// The behaviour every credential source shares, run against each backend through its
/// <see cref="ICredentialStoreFixture"/>. Compiled into each backend's test project as linked source.
/// Every test also checks that a sentinel secret reaches no log record and no exception text.
/// </summary>
public abstract class CredentialSourceConformanceTests
{
    /// <summary>A secret that must never appear in any output.</summary>
    protected const string SentinelSecret = "Sentinel-Secret_3f9c2a7d61b84e05";

    private readonly FakeLogCollector _logs = new();

    /// <summary>Creates a fresh store for one test.</summary>
    protected abstract Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken);

    /// <summary>Credentials used by the suite; the first one carries the sentinel secret.</summary>
    protected static CloudinaryCredentials First { get; } = new("conformance-cloud", "111111111111111", SentinelSecret);

    /// <summary>Credentials the suite rotates to.</summary>
    protected static CloudinaryCredentials Second { get; } = new("conformance-cloud", "222222222222222", "Second-Secret_a1b2c3d4e5f60718");

    [Fact]
    public async Task GetCredentials_SecretPresent_ReturnsItUnderTheSourceName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        var source = CreateSource(store);

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(store.ExpectedSourceName, source.Name);
        Assert.Equal(First.CloudName, snapshot.Credentials.CloudName);
        Assert.Equal(First.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(First.ApiSecret, snapshot.Credentials.ApiSecret);
        if (store.HasVersions)
        {
            Assert.False(string.IsNullOrEmpty(snapshot.Version));
        }

        AssertNoLeak();
    }

    [Fact]
    public async Task GetCredentials_AfterRotation_ReturnsTheNewCredentialsAndVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        var source = CreateSource(store);
        var before = await source.GetCredentialsAsync(ct);

        await store.WriteCredentialsAsync(Second, ct);
        var after = await source.GetCredentialsAsync(ct);

        Assert.Equal(Second.ApiKey, after.Credentials.ApiKey);
        Assert.Equal(Second.ApiSecret, after.Credentials.ApiSecret);
        Assert.NotEqual(before.Credentials.Fingerprint, after.Credentials.Fingerprint);
        if (store.HasVersions)
        {
            Assert.NotEqual(before.Version, after.Version);
        }

        AssertNoLeak();
    }

    [Fact]
    public async Task GetCredentials_Unchanged_KeepsTheSameVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        var source = CreateSource(store);

        var a = await source.GetCredentialsAsync(ct);
        var b = await source.GetCredentialsAsync(ct);

        Assert.Equal(a.Version, b.Version);
        Assert.Equal(a.Credentials, b.Credentials);
    }

    [Fact]
    public async Task GetCredentials_SecretMissing_ThrowsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        await store.DeleteSecretAsync(ct);

        var e = await AssertFailsAsync(store, ct);

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GetCredentials_AccessDenied_ThrowsAccessDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        if (!await store.DenyAccessAsync(ct))
        {
            Assert.Skip("This store has no access control.");
        }

        var e = await AssertFailsAsync(store, ct);

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GetCredentials_StoreDown_ThrowsTransientUnavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        if (!await store.TakeDownAsync(ct))
        {
            Assert.Skip("This store cannot be unavailable.");
        }

        var e = await AssertFailsAsync(store, ct);

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task GetCredentials_MalformedSecret_ThrowsInvalidSecretWithoutTheText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteMalformedSecretAsync("not-credentials " + SentinelSecret, ct);

        var e = await AssertFailsAsync(store, ct);

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GetCredentials_Cancelled_ThrowsOperationCanceled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateFixtureAsync(ct);
        await store.WriteCredentialsAsync(First, ct);
        var source = CreateSource(store);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await source.GetCredentialsAsync(cts.Token));
    }

    /// <summary>Builds the source with the suite's log collector.</summary>
    private ICloudinaryCredentialSource CreateSource(ICredentialStoreFixture store)
    {
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        return store.CreateSource(factory);
    }

    private async Task<CloudinaryCredentialException> AssertFailsAsync(ICredentialStoreFixture store, CancellationToken ct)
    {
        var source = CreateSource(store);
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));
        Assert.Equal(store.ExpectedSourceName, e.SourceName);
        Assert.DoesNotContain(SentinelSecret, e.ToString(), StringComparison.Ordinal);
        AssertNoLeak();
        return e;
    }

    private void AssertNoLeak()
    {
        foreach (var record in _logs.GetSnapshot())
        {
            Assert.DoesNotContain(SentinelSecret, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(SentinelSecret, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            foreach (var pair in record.StructuredState ?? [])
            {
                Assert.DoesNotContain(SentinelSecret, pair.Value ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }
}
