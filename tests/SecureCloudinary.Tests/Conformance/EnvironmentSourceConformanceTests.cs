using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Conformance;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.Conformance;

public sealed class EnvironmentSourceConformanceTests : CredentialSourceConformanceTests
{
    protected override Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ICredentialStoreFixture>(new EnvironmentStore());

    /// <summary>A private set of environment variables, so tests never touch the process environment.</summary>
    private sealed class EnvironmentStore : ICredentialStoreFixture
    {
        private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

        public string ExpectedSourceName => EnvironmentCredentialSource.SourceName;

        public bool HasVersions => false;

        public Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken)
        {
            _variables.Clear();
            _variables["CLOUDINARY_URL"] = credentials.ToCloudinaryUrl();
            return Task.CompletedTask;
        }

        public Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken)
        {
            _variables.Clear();
            _variables["CLOUDINARY_URL"] = text;
            return Task.CompletedTask;
        }

        public Task DeleteSecretAsync(CancellationToken cancellationToken)
        {
            _variables.Clear();
            return Task.CompletedTask;
        }

        public Task<bool> DenyAccessAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> TakeDownAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory) =>
            new EnvironmentCredentialSource(name => _variables.TryGetValue(name, out var value) ? value : null);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
