using SecureCloudinary.Conformance;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>The shared suite over one variable holding a cloudinary:// URL.</summary>
public sealed class ConjurConformanceTests : CredentialSourceConformanceTests
{
    protected override async Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        new ConjurStoreFixture(await ConjurTestKit.StartAsync(cancellationToken), split: false);
}
