using Microsoft.Extensions.Configuration;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.Sources;

/// <summary>
/// The Configuration source reads the key and the secret with separate lookups; a reload between them (a rotation
/// written by a configuration provider) must not produce a key of one version with the secret of another.
/// </summary>
public sealed class ConfigurationTornPairTests
{
    [Theory]
    [InlineData("ApiKey")]
    [InlineData("ApiSecret")]
    [InlineData("CloudName")]
    [InlineData("Url")]
    public async Task GetCredentialsAsync_ReloadBetweenLookups_ReturnsOneVersion(string reloadAfter)
    {
        var store = new ReloadingProvider(reloadAfter);
        var source = new ConfigurationCredentialSource(new ConfigurationBuilder().Add(store).Build().GetSection("Cloudinary"));

        for (var i = 0; i < 5; i++)
        {
            var c = (await source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

            Assert.Equal(c.ApiKey[^1], c.ApiSecret[^1]); // key n goes with secret n
            Assert.Equal(c.ApiKey[^1], c.CloudName[^1]);
        }

        Assert.True(store.Version > 1, "the provider did not reload during the reads");
    }

    /// <summary>
    /// Holds version n (key, secret and cloud name ending in n); reloads to n + 1 right after every other lookup of
    /// one key (a rotation landing between two lookups, then a quiet store).
    /// </summary>
    private sealed class ReloadingProvider(string reloadAfter) : ConfigurationProvider, IConfigurationSource
    {
        private int _lookups;

        public int Version { get; private set; }

        public override void Load() => Set(1);

        public override bool TryGet(string key, out string? value)
        {
            var found = base.TryGet(key, out value);
            if (string.Equals(key, "Cloudinary:" + reloadAfter, StringComparison.OrdinalIgnoreCase) && _lookups++ % 2 == 0)
            {
                Set(Version + 1);
            }

            return found;
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        private void Set(int version)
        {
            Version = version;
            var n = version % 10;
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Cloudinary:CloudName"] = $"cloud{n}",
                ["Cloudinary:ApiKey"] = $"12345678901234{n}",
                ["Cloudinary:ApiSecret"] = $"secret-value-{n}",
            };
            OnReload();
        }
    }
}
