using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>
/// <see cref="ConjurCredentialStoreWriter.ReadPreviousAsync"/>: the variables' earlier versions (listed by
/// <c>GET /resources</c>, read with <c>?version=N</c>), and when they cannot be trusted to be one earlier key.
/// </summary>
public sealed class ConjurPreviousVersionTests
{
    private const string KeyVariable = "apps/web/api-key";
    private const string SecretVariable = "apps/web/api-secret";
    private static readonly CloudinaryCredentials K1 = new("conjur-cloud", "111111111111111", "First-Conjur-Secret_sentinel_1");
    private static readonly CloudinaryCredentials K2 = new("conjur-cloud", "222222222222222", "Second-Conjur-Secret_sentinel_2");
    private static readonly CloudinaryCredentials K3 = new("conjur-cloud", "333333333333333", "Third-Conjur-Secret_sentinel_3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadPrevious_UrlVariable_ReturnsTheVersionBeforeTheNewest()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        kit.Set(ConjurTestKit.UrlVariable, K1.ToCloudinaryUrl());
        kit.Set(ConjurTestKit.UrlVariable, K2.ToCloudinaryUrl());
        using var source = kit.Source();
        var writer = new ConjurCredentialStoreWriter(source);

        var previous = await writer.ReadPreviousAsync(Ct);

        Assert.Equal(K1, previous?.Credentials);
        Assert.Single(kit.Requests("/resources/"));
        Assert.Single(kit.Requests("?version=1"));
    }

    [Fact]
    public async Task ReadPrevious_OneVersionOnly_IsNull()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        kit.Set(ConjurTestKit.UrlVariable, K1.ToCloudinaryUrl());
        using var source = kit.Source();

        Assert.Null(await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct));
    }

    [Fact]
    public async Task ReadPrevious_ThreeVariablesAfterARotation_ReturnsTheEarlierPair()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        using var source = ThreeVariables(kit, [K1.ApiKey, K2.ApiKey], [K1.ApiSecret, K2.ApiSecret]);

        var previous = await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct);

        Assert.Equal(K1, previous?.Credentials);
    }

    [Fact]
    public async Task ReadPrevious_KeyWriteUndoneAfterTheSecretWriteFailed_IsNullRatherThanAMismatchedPair()
    {
        // K1 -> K2 rotated; then a rotation to K3 wrote the key, failed on the secret and put K2 back on the key variable.
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        using var source = ThreeVariables(kit, [K1.ApiKey, K2.ApiKey, K3.ApiKey, K2.ApiKey], [K1.ApiSecret, K2.ApiSecret]);

        Assert.Equal(K2, (await source.GetCredentialsAsync(Ct)).Credentials);
        Assert.Null(await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct)); // not K3 with K1's secret
    }

    [Fact]
    public async Task ReadPrevious_AfterARollback_ReturnsTheRolledBackPair()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        using var source = ThreeVariables(kit, [K1.ApiKey, K2.ApiKey, K1.ApiKey], [K1.ApiSecret, K2.ApiSecret, K1.ApiSecret]);

        var previous = await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct);

        Assert.Equal(K2, previous?.Credentials);
    }

    [Fact]
    public async Task ReadPrevious_WithoutRead_FailsNamingThePrivilege()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        kit.Set(ConjurTestKit.UrlVariable, K1.ToCloudinaryUrl());
        kit.Set(ConjurTestKit.UrlVariable, K2.ToCloudinaryUrl());
        kit.Emulator.Permit(ConjurTestKit.Login, ConjurTestKit.UrlVariable, ConjurPrivileges.Execute);
        using var source = kit.Source();

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, error.Reason);
        Assert.Contains("'read'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(K1.ApiSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPrevious_OlderThanTheTwentyVersionsKept_UsesOnlyWhatConjurStillHas()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        for (var i = 0; i < 24; i++)
        {
            kit.Set(ConjurTestKit.UrlVariable, (i % 2 == 0 ? K1 : K2).ToCloudinaryUrl());
        }

        using var source = kit.Source();
        var previous = await new ConjurCredentialStoreWriter(source).ReadPreviousAsync(Ct);

        Assert.Equal(K1, previous?.Credentials); // version 23 of 24
        Assert.Single(kit.Requests("?version=23"));
    }

    private static ConjurCredentialSource ThreeVariables(ConjurTestKit kit, string[] keys, string[] secrets)
    {
        kit.Set("apps/web/cloud", K1.CloudName);
        foreach (var key in keys)
        {
            kit.Set(KeyVariable, key);
        }

        foreach (var secret in secrets)
        {
            kit.Set(SecretVariable, secret);
        }

        return kit.Source(o =>
        {
            o.Variable = null;
            o.Variables = new ConjurVariableIds { CloudName = "apps/web/cloud", ApiKey = KeyVariable, ApiSecret = SecretVariable };
        });
    }
}
