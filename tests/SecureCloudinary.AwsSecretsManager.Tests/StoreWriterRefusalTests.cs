using System.Net;
using System.Text;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>
/// The AWS write refused at each step: what apps read (AWSCURRENT) never points at a value that was not fully
/// written, the error names the IAM action, and a later write works.
/// </summary>
public sealed class StoreWriterRefusalTests
{
    private const string SecretId = "app/cloudinary";
    private static readonly CloudinaryCredentials Old = new("aws-cloud", "123456789012345", "Old-Aws-Secret_sentinel_1a2b");
    private static readonly CloudinaryCredentials Rotated = new("aws-cloud", "999888777666555", "Rotated-Aws-Secret_sentinel_9f8e");
    private static readonly CloudinaryCredentials Third = new("aws-cloud", "555444333222111", "Third-Aws-Secret_sentinel_7c6d");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_PutSecretValueDenied_ThrowsAccessDeniedNamingTheActionAndAddsNoVersion()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret(SecretId, AwsTestKit.Json(Old));
        var oldVersion = emulator.GetVersionId(SecretId);
        emulator.DenyAction("PutSecretValue", SecretId);
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, SecretId));

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await writer.WriteAsync(await writer.ReadAsync(Ct), Rotated, Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, error.Reason);
        Assert.Contains("secretsmanager:PutSecretValue", error.Message, StringComparison.Ordinal);
        Assert.Equal(oldVersion, emulator.GetVersionId(SecretId));
        Assert.Null(emulator.GetVersionId(SecretId, "AWSPENDING"));
        Assert.Equal(Old, (await writer.ReadAsync(Ct)).Credentials);
        Assert.DoesNotContain(Rotated.ApiSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_UpdateStageDenied_KeepsCurrentLeavesPendingOnAnUnreadVersionAndALaterWriteWorks()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret(SecretId, AwsTestKit.Json(Old));
        var oldVersion = emulator.GetVersionId(SecretId);
        emulator.DenyAction("UpdateSecretVersionStage");
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, SecretId));

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await writer.WriteAsync(await writer.ReadAsync(Ct), Rotated, Ct));
        var pending = emulator.GetVersionId(SecretId, "AWSPENDING");

        Assert.Equal(CredentialFailureReason.AccessDenied, error.Reason);
        Assert.Contains("secretsmanager:UpdateSecretVersionStage", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWSPENDING", error.Message, StringComparison.Ordinal);
        Assert.Equal(oldVersion, emulator.GetVersionId(SecretId));
        Assert.NotNull(pending); // the label could not be removed either (same permission); nothing reads it
        Assert.NotEqual(oldVersion, pending);
        Assert.Equal(Old, (await writer.ReadAsync(Ct)).Credentials);

        emulator.AllowAccess();
        var written = await writer.WriteAsync(await writer.ReadAsync(Ct), Third, Ct);

        Assert.Equal(written.Version, emulator.GetVersionId(SecretId));
        Assert.Equal(oldVersion, emulator.GetVersionId(SecretId, "AWSPREVIOUS"));
        Assert.Null(emulator.GetVersionId(SecretId, "AWSPENDING"));
        Assert.Equal(Third, (await writer.ReadAsync(Ct)).Credentials);
    }

    [Fact]
    public async Task Write_PendingLabelRemovalFailsAfterCurrentMoved_TheWriteStillSucceeds()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret(SecretId, AwsTestKit.Json(Old));
        using var http = new HttpClient(new DenySecondStageUpdate { InnerHandler = new HttpClientHandler() });
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, SecretId, http: http));

        var written = await writer.WriteAsync(await writer.ReadAsync(Ct), Rotated, Ct);

        Assert.Equal(written.Version, emulator.GetVersionId(SecretId));
        Assert.Equal(Rotated, (await writer.ReadAsync(Ct)).Credentials);
        Assert.Equal(written.Version, emulator.GetVersionId(SecretId, "AWSPENDING")); // harmless: on the current version
    }

    /// <summary>Answers the second UpdateSecretVersionStage (removing AWSPENDING) with AccessDeniedException.</summary>
    private sealed class DenySecondStageUpdate : DelegatingHandler
    {
        private int _updates;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("X-Amz-Target", out var target) && target.Contains("secretsmanager.UpdateSecretVersionStage")
                && Interlocked.Increment(ref _updates) == 2)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("""{"__type":"AccessDeniedException","Message":"not authorized"}""", Encoding.UTF8, "application/x-amz-json-1.1"),
                });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
