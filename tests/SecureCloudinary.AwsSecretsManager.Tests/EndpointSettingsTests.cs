using SecureCloudinary.AwsSecretsManager.Internal;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Issue 12 items 2 and 3: FIPS, dual-stack, configured endpoint URLs and the profile's region, as the SDK reads them.</summary>
public sealed class EndpointSettingsTests : IDisposable
{
    private readonly AwsEnvironmentKit _env = new();

    [Theory]
    [InlineData("us-east-1", "https://secretsmanager-fips.us-east-1.amazonaws.com/")]
    [InlineData("us-gov-west-1", "https://secretsmanager-fips.us-gov-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://secretsmanager-fips.cn-north-1.amazonaws.com.cn/")]
    public void Resolve_FipsVariable_UsesTheFipsHost(string region, string expected)
    {
        _env.Set("AWS_USE_FIPS_ENDPOINT", "true");

        Assert.Equal(new Uri(expected), Resolve(new() { Region = region }).ServiceUrl);
    }

    [Fact]
    public void Resolve_FipsFromTheProfile_UsesTheFipsHost()
    {
        _env.Write(".aws/config", "[default]\nuse_fips_endpoint = true\n");

        Assert.Equal(new Uri("https://secretsmanager-fips.eu-west-1.amazonaws.com/"), Resolve(new() { Region = "eu-west-1" }).ServiceUrl);
    }

    [Fact]
    public void Resolve_FipsVariableFalseOverridesTheProfile()
    {
        _env.Write(".aws/config", "[default]\nuse_fips_endpoint = true\n");
        _env.Set("AWS_USE_FIPS_ENDPOINT", "false");

        Assert.Equal(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), Resolve(new() { Region = "eu-west-1" }).ServiceUrl);
    }

    [Theory]
    [InlineData(null, "AWS_ENDPOINT_URL", "https://proxy.example/")]
    [InlineData("https://proxy.example/", null, null)]
    public void Resolve_FipsWithACustomEndpoint_FailsInsteadOfUsingANonFipsHost(string? serviceUrl, string? variable, string? value)
    {
        _env.Set("AWS_USE_FIPS_ENDPOINT", "true");
        if (variable is not null)
        {
            _env.Set(variable, value);
        }

        var e = Assert.Throws<CloudinaryCredentialException>(() => Resolve(new() { Region = "us-east-1", ServiceUrl = serviceUrl }));

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", e.Message, StringComparison.Ordinal);
        Assert.Contains(variable ?? "Cloudinary:AwsSecretsManager:ServiceUrl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FipsWithAFipsServiceUrl_IsAccepted()
    {
        _env.Set("AWS_USE_FIPS_ENDPOINT", "true");

        var endpoint = Resolve(new() { ServiceUrl = "https://secretsmanager-fips.us-east-2.amazonaws.com" });

        Assert.Equal("us-east-2", endpoint.Region.SystemName);
    }

    [Fact]
    public void Resolve_FipsVariableNotABoolean_FailsNamingTheVariable()
    {
        _env.Set("AWS_USE_FIPS_ENDPOINT", "yes please");

        var e = Assert.Throws<CloudinaryCredentialException>(() => Resolve(new() { Region = "us-east-1" }));

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", false, "https://secretsmanager.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", false, "https://secretsmanager.cn-north-1.amazonaws.com.cn/")]
    [InlineData("cn-north-1", true, "https://secretsmanager-fips.cn-north-1.api.amazonwebservices.com.cn/")]
    [InlineData("us-east-1", true, "https://secretsmanager-fips.us-east-1.amazonaws.com/")]
    public void Resolve_DualStack_FollowsTheServiceEndpointRules(string region, bool fips, string expected)
    {
        _env.Set("AWS_USE_DUALSTACK_ENDPOINT", "true").Set("AWS_USE_FIPS_ENDPOINT", fips ? "true" : null);

        Assert.Equal(new Uri(expected), Resolve(new() { Region = region }).ServiceUrl);
    }

    [Fact]
    public void Resolve_DualStackFromTheProfileWithACustomEndpoint_Fails()
    {
        _env.Write(".aws/config", "[default]\nuse_dualstack_endpoint = true\n");

        var e = Assert.Throws<CloudinaryCredentialException>(() => Resolve(new() { Region = "us-east-1", ServiceUrl = "https://proxy.example" }));

        Assert.Contains("use_dualstack_endpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ProfileEndpointUrlAndServicesSection_FollowTheSdkPrecedence()
    {
        _env.Write(".aws/config", """
            [profile app]
            region = eu-north-1
            endpoint_url = https://profile-global.example
            services = local

            [services local]
            secrets_manager =
              endpoint_url = https://profile-service.example
            """);
        _env.Set("AWS_PROFILE", "app");

        Assert.Equal(new Uri("https://profile-service.example/"), Resolve(new()).ServiceUrl);
        _env.Set("AWS_ENDPOINT_URL", "https://env-global.example");
        Assert.Equal(new Uri("https://profile-service.example/"), Resolve(new()).ServiceUrl);
        _env.Set("AWS_ENDPOINT_URL_SECRETS_MANAGER", "https://env-service.example");
        Assert.Equal(new Uri("https://env-service.example/"), Resolve(new()).ServiceUrl);
        Assert.Equal("eu-north-1", Resolve(new()).Region.SystemName);
    }

    [Fact]
    public void Resolve_ProfileEndpointUrlOnly_IsUsed()
    {
        _env.Write(".aws/config", "[default]\nregion = eu-west-3\nendpoint_url = https://profile-global.example\n");

        Assert.Equal(new Uri("https://profile-global.example/"), Resolve(new()).ServiceUrl);
    }

    [Theory]
    [InlineData("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", null)]
    [InlineData(null, null, "ignore_configured_endpoint_urls = true\n")]
    public void Resolve_IgnoreConfiguredEndpointUrls_SkipsEnvironmentAndProfileButNotTheSetting(string? variable, string? value, string? profileLine)
    {
        _env.Write(".aws/config", "[default]\nendpoint_url = https://profile-global.example\n" + profileLine);
        _env.Set("AWS_ENDPOINT_URL", "https://env-global.example").Set("AWS_ENDPOINT_URL_SECRETS_MANAGER", "https://env-service.example");
        if (variable is not null)
        {
            _env.Set(variable, value);
        }

        Assert.Equal(new Uri("https://secretsmanager.ap-south-1.amazonaws.com/"), Resolve(new() { Region = "ap-south-1" }).ServiceUrl);
        Assert.Equal(new Uri("https://configured.example/"), Resolve(new() { Region = "ap-south-1", ServiceUrl = "https://configured.example" }).ServiceUrl);
    }

    [Fact]
    public void Resolve_RegionFromTheConfiguredProfileInProfilesLocation()
    {
        var credentials = _env.Write("elsewhere/credentials", "[team]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n");
        _env.Write("elsewhere/config", "[profile team]\nregion = eu-central-2\n");
        _env.Write(".aws/config", "[default]\nregion = us-west-1\n");

        var endpoint = Resolve(new() { Profile = "team", ProfilesLocation = credentials });

        Assert.Equal("eu-central-2", endpoint.Region.SystemName);
    }

    [Fact]
    public void Resolve_RegionFromTheConfiguredProfileInAwsConfigFile()
    {
        var config = _env.Write("custom/aws-config", "[profile team]\nregion = sa-east-1\n[default]\nregion = us-west-1\n");
        _env.Set("AWS_CONFIG_FILE", config);

        Assert.Equal("sa-east-1", Resolve(new() { Profile = "team" }).Region.SystemName);
        Assert.Equal("us-west-1", Resolve(new()).Region.SystemName);
    }

    [Fact]
    public void Resolve_RegionVariableBeatsTheProfile()
    {
        _env.Write(".aws/config", "[default]\nregion = us-west-1\n");
        _env.Set("AWS_REGION", "ca-central-1");

        Assert.Equal("ca-central-1", Resolve(new()).Region.SystemName);
    }

    public void Dispose() => _env.Dispose();

    private AwsEndpoint Resolve(AwsSecretsManagerCredentialSourceOptions options) =>
        AwsEndpointResolver.Resolve(options, _env.Environment, AwsTestKit.Prefix, () => null);
}
