using Amazon;
using Microsoft.Extensions.Options;
using SecureCloudinary.AwsSecretsManager.Internal;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class ConfigurationTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Resolve_RegionOnly_UsesTheRegionalEndpoint()
    {
        var endpoint = AwsEndpointResolver.Resolve(new() { Region = "eu-west-1" }, NoEnvironment, AwsTestKit.Prefix, () => null);

        Assert.Equal(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), endpoint.ServiceUrl);
        Assert.Equal("eu-west-1", endpoint.Region.SystemName);
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesThePartitionSuffix()
    {
        var endpoint = AwsEndpointResolver.Resolve(new() { Region = "cn-north-1" }, NoEnvironment, AwsTestKit.Prefix, () => null);

        Assert.Equal(new Uri("https://secretsmanager.cn-north-1.amazonaws.com.cn/"), endpoint.ServiceUrl);
    }

    [Fact]
    public void Resolve_NoRegionSetting_UsesTheSdkRegion()
    {
        var endpoint = AwsEndpointResolver.Resolve(new(), NoEnvironment, AwsTestKit.Prefix, () => RegionEndpoint.APSoutheast2);

        Assert.Equal(new Uri("https://secretsmanager.ap-southeast-2.amazonaws.com/"), endpoint.ServiceUrl);
    }

    [Theory]
    [InlineData("https://configured.example/", "https://service.example/", "https://global.example/", "https://configured.example/")]
    [InlineData(null, "https://service.example/", "https://global.example/", "https://service.example/")]
    [InlineData(null, null, "https://global.example/", "https://global.example/")]
    public void Resolve_ServiceUrl_SettingThenServiceVariableThenGlobalVariable(string? setting, string? service, string? global, string expected)
    {
        var env = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = service, ["AWS_ENDPOINT_URL"] = global };

        var endpoint = AwsEndpointResolver.Resolve(new() { ServiceUrl = setting, Region = "us-east-2" }, n => env.GetValueOrDefault(n), AwsTestKit.Prefix, () => null);

        Assert.Equal(new Uri(expected), endpoint.ServiceUrl);
        Assert.Equal("us-east-2", endpoint.Region.SystemName);
    }

    [Fact]
    public void Resolve_ServiceUrlWithRegionInHost_TakesTheRegionFromTheHost()
    {
        var endpoint = AwsEndpointResolver.Resolve(
            new() { ServiceUrl = "https://secretsmanager-fips.us-gov-west-1.amazonaws.com" }, NoEnvironment, AwsTestKit.Prefix, () => null);

        Assert.Equal("us-gov-west-1", endpoint.Region.SystemName);
    }

    [Fact]
    public void Resolve_NoRegionAnywhere_ThrowsNotFoundNamingRegionSettings()
    {
        var e = Assert.Throws<CloudinaryCredentialException>(() =>
            AwsEndpointResolver.Resolve(new() { ServiceUrl = "https://proxy.example" }, NoEnvironment, AwsTestKit.Prefix, () => null));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Cloudinary:AwsSecretsManager:Region", e.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PlainHttpToRemoteHostFromEnvironment_ThrowsNamingTheVariable()
    {
        var e = Assert.Throws<CloudinaryCredentialException>(() => AwsEndpointResolver.Resolve(
            new() { Region = "us-east-1" }, n => n == "AWS_ENDPOINT_URL" ? "http://10.0.0.5:4566" : null, AwsTestKit.Prefix, () => null));

        Assert.Contains("environment variable AWS_ENDPOINT_URL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_RequireOnlySecretId()
    {
        var result = Rules().Validate(null, new AwsSecretsManagerCredentialSourceOptions());

        Assert.True(result.Failed);
        Assert.Equal(["Cloudinary:AwsSecretsManager:SecretId is required: the name or ARN of the secret holding the Cloudinary credentials."], result.Failures);
        Assert.True(Rules().Validate(null, new() { SecretId = "x" }).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadSetting_NamesItsKeyAndNotItsValue()
    {
        var options = new AwsSecretsManagerCredentialSourceOptions
        {
            SecretId = "ok",
            VersionId = "short-value",
            VersionStage = new string('S', 300),
            Region = "Not A Region",
            ServiceUrl = "http://remote.example",
            MaxAttempts = 0,
            RetryBaseDelay = TimeSpan.FromSeconds(-1),
            MaxResponseBytes = 10,
        };
        options.Fields.ApiSecret = " ";

        var failures = string.Join("\n", Rules().Validate(null, options).Failures!);

        foreach (var key in new[] { "VersionId", "VersionStage", "Region", "ServiceUrl", "MaxAttempts", "RetryBaseDelay", "MaxResponseBytes", "Fields:ApiSecret" })
        {
            Assert.Contains("Cloudinary:AwsSecretsManager:" + key, failures, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("short-value", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("remote.example", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InsecureEndpointFromEnvironment_NamesTheVariable()
    {
        var rules = Rules(env: n => n == "AWS_ENDPOINT_URL_SECRETS_MANAGER" ? "http://remote.example" : null);

        var result = rules.Validate(null, new() { SecretId = "x" });

        Assert.Contains("environment variable AWS_ENDPOINT_URL_SECRETS_MANAGER must be an absolute https:// URL", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe")]
    [InlineData("AWS_RETRY_MODE", "turbo")]
    public void Validate_BadAwsVariable_FailsAtStartNamingIt(string variable, string value)
    {
        var result = Rules(env: n => n == variable ? value : n == "HOME" ? "/nonexistent-home" : null).Validate(null, new() { SecretId = "x" });

        Assert.Contains(variable, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnotherSourceSelected_Skips()
    {
        var result = Rules(source: "Environment").Validate(null, new AwsSecretsManagerCredentialSourceOptions());

        Assert.True(result.Skipped);
    }

    private static AwsSecretsManagerOptionsRules Rules(string source = "AwsSecretsManager", Func<string, string?>? env = null) => new(
        Options.Create(new SecureCloudinaryOptions { Source = source }),
        new AwsSecretsManagerRegistration("Cloudinary:AwsSecretsManager", "Cloudinary"),
        env ?? NoEnvironment);
}
