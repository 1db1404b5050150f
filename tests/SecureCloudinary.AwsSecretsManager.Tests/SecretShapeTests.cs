using System.Text;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class SecretShapeTests : EmulatorTestBase
{
    [Theory]
    [InlineData("""{"cloud_name":"alpha-cloud","api_key":"123456789012345","api_secret":"alpha-secret-value"}""")]
    [InlineData("""{"url":"cloudinary://123456789012345:alpha-secret-value@alpha-cloud"}""")]
    [InlineData("""{"CLOUDINARY_URL":"cloudinary://123456789012345:alpha-secret-value@alpha-cloud"}""")]
    [InlineData("cloudinary://123456789012345:alpha-secret-value@alpha-cloud")]
    [InlineData("  cloudinary://123456789012345:alpha-secret-value@alpha-cloud\n")]
    public async Task GetCredentials_SecretStringShapes_ParseToTheSameCredentials(string secret)
    {
        Emulator.CreateSecret("app/cloudinary", secret);

        var snapshot = await AwsTestKit.Source(Emulator, "app/cloudinary").GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(Emulator.GetVersionId("app/cloudinary"), snapshot.Version);
    }

    [Fact]
    public async Task GetCredentials_SecretBinary_DecodesBase64Json()
    {
        Emulator.CreateBinarySecret("bin", Encoding.UTF8.GetBytes(AwsTestKit.Json(Alpha)));

        var snapshot = await AwsTestKit.Source(Emulator, "bin").GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Fact]
    public async Task GetCredentials_SecretBinaryNotUtf8_ThrowsInvalidSecret()
    {
        Emulator.CreateBinarySecret("bin", [0xff, 0xfe, 0x00, 0xc3]);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await AwsTestKit.Source(Emulator, "bin").GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_CustomFieldNames_ReadsThoseFields()
    {
        Emulator.CreateSecret("custom", """{"cloud":"alpha-cloud","key":"123456789012345","secret":"alpha-secret-value"}""");

        var snapshot = await AwsTestKit.Source(Emulator, "custom", o =>
        {
            o.Fields.CloudName = "cloud";
            o.Fields.ApiKey = "key";
            o.Fields.ApiSecret = "secret";
        }).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Fact]
    public async Task GetCredentials_SecretWithoutCloudName_UsesTheConfiguredCloudName()
    {
        Emulator.CreateSecret("nocloud", """{"api_key":"123456789012345","api_secret":"alpha-secret-value"}""");

        var snapshot = await AwsTestKit.Source(Emulator, "nocloud", fallbackCloudName: "alpha-cloud").GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Theory]
    [InlineData("""{"cloud_name":"alpha-cloud","api_key":"123456789012345"}""", "api_secret")]
    [InlineData("""{"cloud_name":"alpha-cloud","api_secret":"alpha-secret-value"}""", "api_key")]
    [InlineData("""{"api_key":"123456789012345","api_secret":"alpha-secret-value"}""", "cloud_name")]
    [InlineData("""{"cloud_name":"alpha-cloud","api_key":{"x":1},"api_secret":"alpha-secret-value"}""", "api_key")]
    [InlineData("""{"cloud_name":"alpha-cloud","api_key":"","api_secret":"alpha-secret-value"}""", "api_key")]
    [InlineData("""{"cloud_name":"alpha-cloud","api_key":"123""", "JSON")]
    [InlineData("just some text alpha-secret-value", "shape")]
    [InlineData("[1,2]", "JSON")]
    [InlineData(" ", "empty")]
    public async Task GetCredentials_MalformedSecret_ThrowsInvalidSecretNamingTheProblem(string secret, string named)
    {
        Emulator.CreateSecret("bad", secret);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await AwsTestKit.Source(Emulator, "bad").GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.Equal("AwsSecretsManager", e.SourceName);
        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alpha-secret-value", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_ByFullAndPartialArn_FindsTheSecret()
    {
        var arn = Emulator.CreateSecret("arn-secret", AwsTestKit.Json(Alpha));

        var full = await AwsTestKit.Source(Emulator, arn).GetCredentialsAsync(Ct);
        var partial = await AwsTestKit.Source(Emulator, arn[..^7]).GetCredentialsAsync(Ct);

        Assert.Matches("^arn:aws:secretsmanager:us-east-1:123456789012:secret:arn-secret-[A-Za-z]{6}$", arn);
        Assert.Equal(Alpha, full.Credentials);
        Assert.Equal(full.Version, partial.Version);
    }
}
