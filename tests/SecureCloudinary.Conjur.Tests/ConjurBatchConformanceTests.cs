using SecureCloudinary.Conformance;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>The shared suite over three variables read in one batch request.</summary>
public sealed class ConjurBatchConformanceTests : CredentialSourceConformanceTests
{
    protected override async Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        new ConjurStoreFixture(await ConjurTestKit.StartAsync(cancellationToken), split: true);
}
