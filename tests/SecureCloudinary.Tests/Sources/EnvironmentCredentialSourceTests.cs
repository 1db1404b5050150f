using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.Sources;

public sealed class EnvironmentCredentialSourceTests
{
    private readonly Dictionary<string, string?> _env = new(StringComparer.Ordinal);

    private EnvironmentCredentialSource Source => new(name => _env.GetValueOrDefault(name));

    [Fact]
    public void Name_IsEnvironment()
    {
        Assert.Equal("Environment", Source.Name);
        Assert.Equal("Environment", EnvironmentCredentialSource.SourceName);
    }

    [Fact]
    public async Task GetCredentialsAsync_UrlOnly_ReadsAllParts()
    {
        _env["CLOUDINARY_URL"] = "cloudinary://123456:s3cr%2Ft@Demo?upload_prefix=https://api-eu.cloudinary.com";

        var snapshot = await Source.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Demo", snapshot.Credentials.CloudName);
        Assert.Equal("123456", snapshot.Credentials.ApiKey);
        Assert.Equal("s3cr/t", snapshot.Credentials.ApiSecret);
        Assert.Equal(new Uri("https://api-eu.cloudinary.com"), snapshot.Credentials.Settings.UploadPrefix);
        Assert.Null(snapshot.Version);
        Assert.Null(snapshot.ExpiresAt);
    }

    [Fact]
    public async Task GetCredentialsAsync_IndividualVariablesOnly_ReadsAllParts()
    {
        _env["CLOUDINARY_CLOUD_NAME"] = "demo";
        _env["CLOUDINARY_API_KEY"] = " 123456\n";
        _env["CLOUDINARY_API_SECRET"] = "abc\n";

        var c = (await Source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

        Assert.Equal(("demo", "123456", "abc"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public async Task GetCredentialsAsync_IndividualVariableWithUrl_OverridesOnlyThatPart()
    {
        _env["CLOUDINARY_URL"] = "cloudinary://123456:old@demo?signature_algorithm=sha256";
        _env["CLOUDINARY_API_SECRET"] = "new";

        var c = (await Source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

        Assert.Equal(("demo", "123456", "new"), (c.CloudName, c.ApiKey, c.ApiSecret));
        Assert.Equal(SignatureAlgorithm.Sha256, c.Settings.SignatureAlgorithm);
    }

    [Fact]
    public async Task GetCredentialsAsync_CloudNameAndKeyVariablesWithUrl_OverrideThoseParts()
    {
        _env["CLOUDINARY_URL"] = "cloudinary://123456:abc@demo";
        _env["CLOUDINARY_CLOUD_NAME"] = "other";
        _env["CLOUDINARY_API_KEY"] = "999";

        var c = (await Source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

        Assert.Equal(("other", "999", "abc"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public async Task GetCredentialsAsync_NothingSet_ThrowsNotFoundNamingEveryVariable()
    {
        _env["CLOUDINARY_API_SECRET"] = "   ";

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => Source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Equal("Environment", e.SourceName);
        Assert.False(e.IsTransient);
        foreach (var name in new[] { "CLOUDINARY_URL", "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetCredentialsAsync_SecretMissing_ThrowsNotFoundNamingTheVariable()
    {
        _env["CLOUDINARY_CLOUD_NAME"] = "demo";
        _env["CLOUDINARY_API_KEY"] = "123456";

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => Source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.StartsWith("CLOUDINARY_API_SECRET is missing", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_KeyAndSecretMissing_NamesBoth()
    {
        _env["CLOUDINARY_CLOUD_NAME"] = "demo";

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => Source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.StartsWith("CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET are missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://123456:hunter2@demo")]
    [InlineData("cloudinary://123456:hunter2")]
    [InlineData("cloudinary://123456:hunter2@de mo")]
    [InlineData("cloudinary://:hunter2@demo")]
    public async Task GetCredentialsAsync_MalformedUrl_ThrowsInvalidSecretWithoutTheInput(string url)
    {
        _env["CLOUDINARY_URL"] = url;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => Source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.StartsWith("CLOUDINARY_URL is not a valid Cloudinary URL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("123456", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_InvalidCloudNameVariable_ThrowsInvalidSecretNamingIt()
    {
        _env["CLOUDINARY_URL"] = "cloudinary://123456:abc@demo";
        _env["CLOUDINARY_CLOUD_NAME"] = "not/valid";

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => Source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.StartsWith("CLOUDINARY_CLOUD_NAME is not a valid cloud name", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not/valid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_EnvironmentChanges_ReadsItAgainOnEveryCall()
    {
        var source = Source;
        _env["CLOUDINARY_URL"] = "cloudinary://111:abc@demo";
        var first = await source.GetCredentialsAsync(TestContext.Current.CancellationToken);
        _env["CLOUDINARY_URL"] = "cloudinary://222:def@demo";
        var second = await source.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("111", first.Credentials.ApiKey);
        Assert.Equal("222", second.Credentials.ApiKey);
    }

    [Fact]
    public async Task GetCredentialsAsync_Cancelled_Throws()
    {
        _env["CLOUDINARY_URL"] = "cloudinary://111:abc@demo";
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Source.GetCredentialsAsync(cts.Token).AsTask());
    }

    [Fact]
    public void Constructor_NullReader_Throws()
    {
        Assert.Throws<ArgumentNullException>("read", () => new EnvironmentCredentialSource(null!));
    }
}
