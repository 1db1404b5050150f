using System.Net;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Conformance;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>The conformance suite's store: the Conjur emulator, one URL variable or three part variables.</summary>
internal sealed class ConjurStoreFixture : ICredentialStoreFixture
{
    private const string CloudNameId = "apps/web/cloudinary/cloud name";
    private const string ApiKeyId = "apps/web/cloudinary/api+key";
    private const string ApiSecretId = "apps/web/cloudinary/api-secret@prod&eu";
    private readonly ConjurTestKit _kit;
    private readonly bool _split;

    public ConjurStoreFixture(ConjurTestKit kit, bool split)
    {
        _kit = kit;
        _split = split;
    }

    public string ExpectedSourceName => ConjurCredentialSource.SourceName;

    public bool HasVersions => true;

    public Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken)
    {
        if (_split)
        {
            _kit.Set(CloudNameId, credentials.CloudName);
            _kit.Set(ApiKeyId, credentials.ApiKey);
            _kit.Set(ApiSecretId, credentials.ApiSecret);
        }
        else
        {
            _kit.Set(ConjurTestKit.UrlVariable, credentials.ToCloudinaryUrl());
        }

        return Task.CompletedTask;
    }

    public Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken)
    {
        if (_split)
        {
            _kit.Set(CloudNameId, text);
            _kit.Set(ApiKeyId, "123");
            _kit.Set(ApiSecretId, "abc");
        }
        else
        {
            _kit.Set(ConjurTestKit.UrlVariable, text);
        }

        return Task.CompletedTask;
    }

    public Task DeleteSecretAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.DeleteVariable(_split ? ApiSecretId : ConjurTestKit.UrlVariable);
        return Task.CompletedTask;
    }

    public Task<bool> DenyAccessAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.Permit(ConjurTestKit.Login, _split ? ApiKeyId : ConjurTestKit.UrlVariable, Testing.Conjur.ConjurPrivileges.Read);
        return Task.FromResult(true);
    }

    public Task<bool> TakeDownAsync(CancellationToken cancellationToken)
    {
        _kit.Emulator.FailNextRequests(1000, HttpStatusCode.ServiceUnavailable);
        return Task.FromResult(true);
    }

    public ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory) =>
        new ConjurCredentialSource(new HttpClient(), _kit.Options(o =>
        {
            if (_split)
            {
                o.Variable = null;
                o.Variables = new ConjurVariableIds { CloudName = CloudNameId, ApiKey = ApiKeyId, ApiSecret = ApiSecretId };
            }
        }), _kit.Time, loggerFactory);

    public ValueTask DisposeAsync() => _kit.DisposeAsync();
}
