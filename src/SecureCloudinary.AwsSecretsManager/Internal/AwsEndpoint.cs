using Amazon;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>Where requests go, which region signs them, and which setting chose the URL (for messages).</summary>
/// <param name="ServiceUrl">The Secrets Manager endpoint.</param>
/// <param name="Region">The signing region.</param>
/// <param name="Origin">The setting, variable or profile entry the URL came from (or the region it was built for).</param>
internal sealed record AwsEndpoint(Uri ServiceUrl, RegionEndpoint Region, string Origin = "the region");
