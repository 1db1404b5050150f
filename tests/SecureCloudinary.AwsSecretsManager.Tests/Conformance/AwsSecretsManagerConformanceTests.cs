using Microsoft.Extensions.Logging;
using SecureCloudinary.Conformance;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests.Conformance;

public sealed class AwsSecretsManagerConformanceTests : CredentialSourceConformanceTests
{
    protected override async Task<ICredentialStoreFixture> CreateFixtureAsync(CancellationToken cancellationToken) =>
        new Store(await SecretsManagerEmulator.StartAsync(cancellationToken: cancellationToken));

    private sealed class Store(SecretsManagerEmulator emulator) : ICredentialStoreFixture
    {
        private const string Name = "prod/cloudinary";
        private bool _created;

        public string ExpectedSourceName => AwsSecretsManagerCredentialSource.SourceName;

        public bool HasVersions => true;

        public Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken) =>
            WriteAsync(AwsTestKit.Json(credentials));

        public Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken) => WriteAsync(text);

        public Task DeleteSecretAsync(CancellationToken cancellationToken)
        {
            emulator.DeleteSecret(Name);
            return Task.CompletedTask;
        }

        public Task<bool> DenyAccessAsync(CancellationToken cancellationToken)
        {
            emulator.DenyAccess(Name);
            return Task.FromResult(true);
        }

        public Task<bool> TakeDownAsync(CancellationToken cancellationToken)
        {
            emulator.InjectFault(SecretsManagerFault.InternalError, 100);
            return Task.FromResult(true);
        }

        public ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory) =>
            AwsTestKit.Source(emulator, Name, logger: loggerFactory.CreateLogger<AwsSecretsManagerCredentialSource>());

        public ValueTask DisposeAsync() => emulator.DisposeAsync();

        private Task WriteAsync(string text)
        {
            if (_created)
            {
                emulator.PutSecretValue(Name, text);
            }
            else
            {
                emulator.CreateSecret(Name, text);
                _created = true;
            }

            return Task.CompletedTask;
        }
    }
}
