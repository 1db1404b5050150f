using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Resolves the endpoint and signing region: explicit settings first, then the AWS environment variables for
/// endpoints, then the SDK's region resolution (<c>AWS_REGION</c>, profile, instance metadata).
/// </summary>
internal static partial class AwsEndpointResolver
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The service URL text and the setting or variable it came from, or (null, null).</summary>
    public static (string? Url, string? Setting) FindServiceUrl(
        AwsSecretsManagerCredentialSourceOptions options, Func<string, string?> environment, string prefix)
    {
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return (options.ServiceUrl.Trim(), prefix + "ServiceUrl");
        }

        foreach (var variable in new[] { ServiceEndpointVariable, GlobalEndpointVariable })
        {
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (value.Trim(), "environment variable " + variable);
            }
        }

        return (null, null);
    }

    /// <summary>Resolves the endpoint; throws a NotFound credential exception naming the settings when no region is found.</summary>
    public static AwsEndpoint Resolve(
        AwsSecretsManagerCredentialSourceOptions options,
        Func<string, string?> environment,
        string prefix,
        Func<RegionEndpoint?> fallbackRegion)
    {
        var (urlText, setting) = FindServiceUrl(options, environment, prefix);
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
        }

        var region = !string.IsNullOrWhiteSpace(options.Region)
            ? RegionEndpoint.GetBySystemName(options.Region.Trim())
            : RegionFromHost(url) ?? fallbackRegion();
        if (region is null)
        {
            throw Fail($"No AWS region is configured: set {prefix}Region or the AWS_REGION environment variable, "
                + "or give the profile a region.");
        }

        url ??= new Uri($"https://secretsmanager.{region.SystemName}.{region.PartitionDnsSuffix}/");
        return new AwsEndpoint(url, region);
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

    private static RegionEndpoint? RegionFromHost(Uri? url)
    {
        if (url is null)
        {
            return null;
        }

        var match = ServiceHost().Match(url.Host);
        return match.Success ? RegionEndpoint.GetBySystemName(match.Groups["region"].Value) : null;
    }

    private static CloudinaryCredentialException Fail(string message) =>
        new(AwsSecretsManagerCredentialSource.SourceName, CredentialFailureReason.NotFound, message);

    [GeneratedRegex(@"^secretsmanager(-fips)?\.(?<region>[a-z0-9-]+)\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServiceHost();
}
