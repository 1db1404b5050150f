using Amazon.Runtime;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class ErrorMappingTests : EmulatorTestBase
{
    private const string Name = "errors";

    [Fact]
    public async Task GetCredentials_MissingSecret_ThrowsNotFoundNamingTheSecretId()
    {
        var e = await FailAsync(create: false);

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Contains("'errors' (Cloudinary:AwsSecretsManager:SecretId)", e.Message, StringComparison.Ordinal);
        Assert.Contains("ResourceNotFoundException", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_AccessDenied_NamesGetSecretValueAndKmsDecrypt()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.DenyAccess();

        var e = await FailAsync(create: false);

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Contains("secretsmanager:GetSecretValue", e.Message, StringComparison.Ordinal);
        Assert.Contains("kms:Decrypt", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:iam", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_DecryptionFailure_ThrowsAccessDeniedNamingKmsDecrypt()
    {
        var e = await FailWithFaultAsync(SecretsManagerFault.DecryptionFailure, 1);

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("DecryptionFailure", e.Message, StringComparison.Ordinal);
        Assert.Contains("kms:Decrypt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SecretsManagerFault.Throttle)]
    [InlineData(SecretsManagerFault.InternalError)]
    [InlineData(SecretsManagerFault.ServiceUnavailable)]
    [InlineData(SecretsManagerFault.BadGateway)]
    [InlineData(SecretsManagerFault.MalformedBody)]
    public async Task GetCredentials_TransientFaultThenSuccess_RetriesAndSucceeds(SecretsManagerFault fault)
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.InjectFault(fault, 2);

        var snapshot = await AwsTestKit.Source(Emulator, Name).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(3, Emulator.Requests.Count(r => r.Operation == "GetSecretValue"));
    }

    [Theory]
    [InlineData(SecretsManagerFault.Throttle, "ThrottlingException")]
    [InlineData(SecretsManagerFault.InternalError, "InternalServiceError")]
    [InlineData(SecretsManagerFault.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(SecretsManagerFault.BadGateway, "HTTP 502")]
    [InlineData(SecretsManagerFault.MalformedBody, "MalformedResponse")]
    public async Task GetCredentials_TransientFaultPersists_ThrowsTransientUnavailableAfterMaxAttempts(SecretsManagerFault fault, string code)
    {
        var e = await FailWithFaultAsync(fault, 10);

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains(code, e.Message, StringComparison.Ordinal);
        Assert.Equal(3, Emulator.Requests.Count(r => r.Operation == "GetSecretValue"));
    }

    [Fact]
    public async Task GetCredentials_OversizedBody_ThrowsTransientUnavailableNamingTheLimit()
    {
        var e = await FailWithFaultAsync(SecretsManagerFault.OversizedBody, 1);

        // A body the store should not have sent is the store's (or a proxy's) problem, as for Vault and Conjur.
        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("MaxResponseBytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_ExpiredTokenOnce_ReResolvesCredentialsAndRetries()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.InjectFault(SecretsManagerFault.ExpiredToken, 1);

        var snapshot = await AwsTestKit.Source(Emulator, Name, o => o.MaxAttempts = 1).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(["ExpiredTokenException", null], Emulator.Requests.Select(r => r.ErrorType));
    }

    [Fact]
    public async Task GetCredentials_SessionTokenStaysExpired_ThrowsAccessDeniedAfterOneRefresh()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.AddIdentity("ASIATEMPORARY", "temporary-secret-key", "temporary-session-token");
        Emulator.ExpireSessionToken("ASIATEMPORARY");
        var credentials = new SessionAWSCredentials("ASIATEMPORARY", "temporary-secret-key", "temporary-session-token");

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, Name, credentials: credentials).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, Emulator.Requests.Count);
        Assert.All(Emulator.Requests, r => Assert.Contains("x-amz-security-token", r.SignedHeaders));
    }

    [Theory]
    [InlineData("AKIAUNKNOWNKEY000000", null, "UnrecognizedClientException")]
    [InlineData(null, "wrong-secret-access-key", "InvalidSignatureException")]
    public async Task GetCredentials_RejectedCredentials_ThrowsAccessDenied(string? accessKey, string? secretKey, string code)
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        var credentials = new BasicAWSCredentials(accessKey ?? Emulator.AccessKeyId, secretKey ?? Emulator.SecretAccessKey);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, Name, credentials: credentials).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains(code, e.Message, StringComparison.Ordinal);
        Assert.Equal(code, Emulator.Requests.Single().ErrorType);
    }

    [Theory]
    [InlineData(SecretsManagerErrorStyle.Standard)]
    [InlineData(SecretsManagerErrorStyle.LowercaseMessage)]
    [InlineData(SecretsManagerErrorStyle.NamespacedType)]
    [InlineData(SecretsManagerErrorStyle.HeaderOnly)]
    public async Task GetCredentials_EveryErrorShape_IsRecognised(SecretsManagerErrorStyle style)
    {
        Emulator.ErrorStyle = style;

        var e = await FailAsync(create: false);

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("ResourceNotFoundException", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_EndpointUnreachable_ThrowsTransientUnavailableNamingHostAndPort()
    {
        var closed = Emulator.BaseAddress;
        await Emulator.DisposeAsync();

        var source = AwsTestKit.Source(Emulator, Name, o => o.ServiceUrl = closed.ToString());
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains($"127.0.0.1:{closed.Port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_SlowResponse_TimesOutAsTransientUnavailable()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.InjectFault(SecretsManagerFault.Slow, 1);
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, Name, o => o.MaxAttempts = 1, http: http).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
    }

    private async Task<CloudinaryCredentialException> FailWithFaultAsync(SecretsManagerFault fault, int count)
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.InjectFault(fault, count);
        return await FailAsync(create: false);
    }

    private async Task<CloudinaryCredentialException> FailAsync(bool create)
    {
        if (create)
        {
            Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        }

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await AwsTestKit.Source(Emulator, Name).GetCredentialsAsync(Ct));
        Assert.Equal("AwsSecretsManager", e.SourceName);
        Assert.DoesNotContain(Alpha.ApiSecret, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.SecretAccessKey, e.ToString(), StringComparison.Ordinal);
        return e;
    }
}
