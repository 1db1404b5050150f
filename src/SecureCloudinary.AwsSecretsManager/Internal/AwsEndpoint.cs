using Amazon;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>Where requests go and which region signs them.</summary>
/// <param name="ServiceUrl">The Secrets Manager endpoint.</param>
/// <param name="Region">The signing region.</param>
internal sealed record AwsEndpoint(Uri ServiceUrl, RegionEndpoint Region);
