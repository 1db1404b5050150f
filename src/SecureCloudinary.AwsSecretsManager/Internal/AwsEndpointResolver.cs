using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Resolves the endpoint and signing region as the AWS SDK does. Endpoint: <c>ServiceUrl</c>, else (unless
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> / <c>ignore_configured_endpoint_urls</c>) <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>,
/// the profile's <c>services</c> section, <c>AWS_ENDPOINT_URL</c>, the profile's <c>endpoint_url</c>; else the
/// service's endpoint rules for the region with FIPS (<c>AWS_USE_FIPS_ENDPOINT</c>/<c>use_fips_endpoint</c>) and
/// dual-stack (<c>AWS_USE_DUALSTACK_ENDPOINT</c>/<c>use_dualstack_endpoint</c>). FIPS or dual-stack with a custom
/// endpoint is a configuration error, as in the rules: a FIPS workload never silently uses a non-FIPS host.
/// Region: <c>Region</c>, the region in the URL's host, <c>AWS_REGION</c>, the profile's <c>region</c>, then the SDK.
/// </summary>
internal static partial class AwsEndpointResolver
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    public const string FipsVariable = "AWS_USE_FIPS_ENDPOINT";
    public const string DualStackVariable = "AWS_USE_DUALSTACK_ENDPOINT";

    /// <summary>The service URL text and the setting or variable it came from, or (null, null).</summary>
    public static (string? Url, string? Setting) FindServiceUrl(
        AwsSecretsManagerCredentialSourceOptions options, Func<string, string?> environment, string prefix) =>
        FindServiceUrl(options, environment, prefix, AwsSharedConfig.Load(options.Profile, options.ProfilesLocation, environment));

    /// <summary>The service URL text and where it came from, or (null, null).</summary>
    public static (string? Url, string? Setting) FindServiceUrl(
        AwsSecretsManagerCredentialSourceOptions options, Func<string, string?> environment, string prefix, AwsSharedConfig config)
    {
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return (options.ServiceUrl.Trim(), prefix + "ServiceUrl");
        }

        var (ignore, _) = Flag(environment, IgnoreEndpointsVariable, config, "ignore_configured_endpoint_urls");
        if (ignore)
        {
            return (null, null);
        }

        if (Variable(environment, ServiceEndpointVariable) is { } service)
        {
            return (service, "environment variable " + ServiceEndpointVariable);
        }

        var (fromServices, servicesOrigin) = config.GetServiceSetting("endpoint_url");
        if (fromServices is not null)
        {
            return (fromServices, servicesOrigin);
        }

        if (Variable(environment, GlobalEndpointVariable) is { } global)
        {
            return (global, "environment variable " + GlobalEndpointVariable);
        }

        return config.Get("endpoint_url");
    }

    /// <summary>Resolves the endpoint; throws a NotFound credential exception naming the settings to fix.</summary>
    public static AwsEndpoint Resolve(
        AwsSecretsManagerCredentialSourceOptions options,
        Func<string, string?> environment,
        string prefix,
        Func<RegionEndpoint?> fallbackRegion) =>
        Resolve(options, environment, prefix, fallbackRegion, AwsSharedConfig.Load(options.Profile, options.ProfilesLocation, environment));

    /// <summary>Resolves the endpoint with already-loaded shared config.</summary>
    public static AwsEndpoint Resolve(
        AwsSecretsManagerCredentialSourceOptions options,
        Func<string, string?> environment,
        string prefix,
        Func<RegionEndpoint?> fallbackRegion,
        AwsSharedConfig config)
    {
        var (urlText, setting) = FindServiceUrl(options, environment, prefix, config);
        var (fips, fipsOrigin) = Flag(environment, FipsVariable, config, "use_fips_endpoint");
        var (dualStack, dualStackOrigin) = Flag(environment, DualStackVariable, config, "use_dualstack_endpoint");
        Uri? url = null;
        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out url))
            {
                throw Fail($"{setting} must be an absolute https:// URL.");
            }

            try
            {
                EndpointRules.EnsureHttpsOrLoopback(url, setting!);
            }
            catch (InvalidOperationException e)
            {
                throw Fail(e.Message);
            }

            if (fips && !url.Host.StartsWith("secretsmanager-fips.", StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"FIPS endpoints are required ({fipsOrigin}) but {setting} sets a custom endpoint that is not a "
                    + "secretsmanager-fips host. Remove the custom endpoint (or point it at the FIPS host), or turn FIPS off; "
                    + "a non-FIPS endpoint is never used silently.");
            }

            if (dualStack)
            {
                throw Fail($"Dual-stack endpoints are requested ({dualStackOrigin}) but {setting} sets a custom endpoint; "
                    + "the AWS endpoint rules allow only one of them.");
            }
        }

        var (regionName, regionOrigin) = !string.IsNullOrWhiteSpace(options.Region)
            ? (options.Region.Trim(), prefix + "Region")
            : RegionFromHost(url) is { } hostRegion ? (hostRegion, "the endpoint host")
            : Variable(environment, "AWS_REGION") is { } envRegion ? (envRegion, "environment variable AWS_REGION")
            : config.Get("region");
        var region = regionName is not null ? RegionEndpoint.GetBySystemName(regionName) : fallbackRegion();
        if (region is null)
        {
            throw Fail($"No AWS region is configured: set {prefix}Region or the AWS_REGION environment variable, "
                + $"or give the profile ('{config.ProfileName}', from {prefix}Profile or AWS_PROFILE) a region.");
        }

        if (url is not null)
        {
            return new AwsEndpoint(url, region, setting!);
        }

        var host = RegionalHost(region, fips, dualStack, fipsOrigin, dualStackOrigin);
        var origin = $"the region {region.SystemName} ({regionOrigin ?? "SDK region resolution"})"
            + (fips ? $", FIPS from {fipsOrigin}" : string.Empty)
            + (dualStack ? $", dual-stack from {dualStackOrigin}" : string.Empty);
        return new AwsEndpoint(new Uri($"https://{host}/"), region, origin);
    }

    /// <summary>The SDK's region resolution (environment, profile, instance metadata).</summary>
    public static RegionEndpoint? SdkRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint();
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    /// <summary>A boolean from the environment variable, else the profile key: (value, origin). Anything but true/false fails.</summary>
    internal static (bool Value, string? Origin) Flag(Func<string, string?> environment, string variable, AwsSharedConfig config, string key)
    {
        if (Variable(environment, variable) is { } text)
        {
            return (ParseBool(text, "environment variable " + variable), "environment variable " + variable);
        }

        var (value, origin) = config.Get(key);
        return value is null ? (false, null) : (ParseBool(value, origin!), origin);
    }

    internal static string? Variable(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool ParseBool(string text, string origin) =>
        string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase) ? false
        : throw Fail($"{origin} must be true or false.");

    /// <summary>The Secrets Manager endpoint rules (botocore endpoint-rule-set-1.json) for a region without a custom endpoint.</summary>
    private static string RegionalHost(RegionEndpoint region, bool fips, bool dualStack, string? fipsOrigin, string? dualStackOrigin)
    {
        var partition = region.PartitionName;
        var suffix = region.PartitionDnsSuffix;
        var r = region.SystemName;
        if (!dualStack)
        {
            return fips ? $"secretsmanager-fips.{r}.{suffix}" : $"secretsmanager.{r}.{suffix}";
        }

        return (partition, fips) switch
        {
            ("aws" or "aws-us-gov", true) => $"secretsmanager-fips.{r}.amazonaws.com",
            ("aws-cn", true) => $"secretsmanager-fips.{r}.api.amazonwebservices.com.cn",
            ("aws" or "aws-us-gov", false) => $"secretsmanager.{r}.amazonaws.com",
            ("aws-cn", false) => $"secretsmanager.{r}.amazonaws.com.cn",
            _ => throw Fail($"Dual-stack endpoints ({dualStackOrigin}) are not supported in partition {partition} (region {r})"
                + (fips ? $" together with FIPS ({fipsOrigin})." : "."))
        };
    }

    private static string? RegionFromHost(Uri? url)
    {
        if (url is null)
        {
            return null;
        }

        var match = ServiceHost().Match(url.Host);
        return match.Success ? match.Groups["region"].Value : null;
    }

    private static CloudinaryCredentialException Fail(string message) =>
        new(AwsSecretsManagerCredentialSource.SourceName, CredentialFailureReason.NotFound, message);

    [GeneratedRegex(@"^secretsmanager(-fips)?\.(?<region>[a-z0-9-]+)\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServiceHost();
}
