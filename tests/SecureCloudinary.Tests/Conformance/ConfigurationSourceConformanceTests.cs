using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Conformance;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.Conformance;

public sealed class ConfigurationSourceConformanceTests : CredentialSourceConformanceTests
{
    protected override Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ICredentialStoreFixture>(new ConfigurationStore());

    private sealed class ConfigurationStore : ICredentialStoreFixture
    {
        private readonly IConfigurationRoot _root = new ConfigurationBuilder().AddInMemoryCollection().Build();

        public string ExpectedSourceName => ConfigurationCredentialSource.SourceName;

        public bool HasVersions => false;

        public Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken)
        {
            _root["Cloudinary:Url"] = null;
            _root["Cloudinary:CloudName"] = credentials.CloudName;
            _root["Cloudinary:ApiKey"] = credentials.ApiKey;
            _root["Cloudinary:ApiSecret"] = credentials.ApiSecret;
            return Task.CompletedTask;
        }

        public Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken)
        {
            _root["Cloudinary:Url"] = text;
            return Task.CompletedTask;
        }

        public Task DeleteSecretAsync(CancellationToken cancellationToken)
        {
            foreach (var key in new[] { "Url", "CloudName", "ApiKey", "ApiSecret" })
            {
                _root["Cloudinary:" + key] = null;
            }

            return Task.CompletedTask;
        }

        public Task<bool> DenyAccessAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> TakeDownAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory) =>
            new ConfigurationCredentialSource(_root.GetSection("Cloudinary"));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
