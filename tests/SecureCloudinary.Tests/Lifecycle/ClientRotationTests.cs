using System.Net;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;
using SecureCloudinary.Tests.Client;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class ClientRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    private static HttpResponseMessage Unauthorized() =>
        StubHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"message":"Invalid Signature"}}""");

    private static HttpResponseMessage Ok() =>
        StubHttpHandler.Json(HttpStatusCode.OK, """{"public_id":"sample","version":1,"result":"ok","status":"ok"}""");

    /// <summary>Answers 401 to every request signed with <paramref name="rejectedKey"/>.</summary>
    private static Func<CapturedRequest, HttpResponseMessage> RejectKey(string rejectedKey) => request =>
        request.Fields.GetValueOrDefault("api_key") == rejectedKey
            || (request.Authorization is { } auth
                && System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(auth["Basic ".Length..])).StartsWith(rejectedKey + ":", StringComparison.Ordinal))
            ? Unauthorized()
            : Ok();

    private static (LifecycleKit Kit, StubHttpHandler Handler, HttpClient Http, CloudinaryClient Client, FakeLogger<CloudinaryClient> Log) Create(
        Func<CapturedRequest, HttpResponseMessage> responder, CloudinaryClientOptions? options = null)
    {
        var kit = new LifecycleKit();
        var handler = new StubHttpHandler(responder);
        var http = new HttpClient(handler);
        var log = new FakeLogger<CloudinaryClient>();
        return (kit, handler, http, new CloudinaryClient(http, kit.Provider, options, kit.Time, log), log);
    }

    [Fact]
    public async Task PingAsync_401AndTheSourceHasANewKey_RetriesOnceWithTheNewKey()
    {
        var old = LifecycleKit.Snap(1);
        var (kit, handler, http, client, log) = Create(RejectKey(old.Credentials.ApiKey));
        using var _ = kit;
        using var __ = http;
        await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);

        await client.PingAsync(Ct);

        Assert.Equal(2, handler.Requests.Count);
        Assert.NotEqual(handler.Requests[0].Authorization, handler.Requests[1].Authorization);
        Assert.Equal(2, kit.Source.Calls);
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Id.Id == 1407);
    }

    [Fact]
    public async Task UploadAsync_401AndNoNewCredentials_ThrowsWithoutRepeating()
    {
        var (kit, handler, http, client, _) = Create(_ => Unauthorized());
        using var k = kit;
        using var h = http;
        await kit.LoadAsync();

        var e = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct));

        Assert.True(e.IsAuthenticationFailure);
        Assert.Single(handler.Requests);
        Assert.Equal(2, kit.Source.Calls);
    }

    [Fact]
    public async Task UploadAsync_NewKeyAlsoRejected_RepeatsOnlyOnce()
    {
        var (kit, handler, http, client, _) = Create(_ => Unauthorized());
        using var k = kit;
        using var h = http;
        await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);

        await Assert.ThrowsAsync<CloudinaryApiException>(() => client.UploadAsync(UploadRequest.FromStream(new MemoryStream([1, 2, 3]), "a.bin"), Ct));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([1, 2, 3], handler.Requests[1].FileBytes);
        Assert.Equal(LifecycleKit.Snap(2).Credentials.ApiKey, handler.Requests[1].Fields["api_key"]);
    }

    [Fact]
    public async Task UploadAsync_ManyCallersRejectedTogether_ForceOneRefresh()
    {
        var old = LifecycleKit.Snap(1);
        var (kit, handler, http, client, _) = Create(RejectKey(old.Credentials.ApiKey));
        using var k = kit;
        using var h = http;
        await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.DestroyAsync("a", cancellationToken: Ct)));

        Assert.Equal(2, kit.Source.Calls);
        lock (handler.Requests)
        {
            // Each caller sent at most one request with the old key and one with the new.
            Assert.InRange(handler.Requests.Count, 21, 40);
            Assert.Equal(20, handler.Requests.Count(r => r.Fields["api_key"] == LifecycleKit.Snap(2).Credentials.ApiKey));
        }
    }

    [Fact]
    public async Task UploadAsync_ChunkRejectedAfterRotation_RestartsFromTheFirstChunkWithANewUploadId()
    {
        var old = LifecycleKit.Snap(1);
        var fresh = LifecycleKit.Snap(2);
        var sent = 0;
        LifecycleKit? kitRef = null;
        var (kit, handler, http, client, _) = Create(
            request =>
            {
                if (++sent == 2)
                {
                    kitRef!.Source.Next = fresh; // the key is rotated in the store while the upload runs
                }

                return request.Fields["api_key"] == old.Credentials.ApiKey && sent >= 2
                    ? Unauthorized()
                    : StubHttpHandler.Json(HttpStatusCode.OK, """{"public_id":"big","bytes":2500}""");
            },
            new CloudinaryClientOptions { ChunkSize = 1000, ChunkedUploadThreshold = 1500 });
        kitRef = kit;
        using var k = kit;
        using var h = http;
        await kit.LoadAsync();

        await client.UploadAsync(UploadRequest.FromStream(new GeneratedStream(2500, seekable: true), "big.bin"), Ct);

        var requests = handler.Requests;
        Assert.Equal(
            ["bytes 0-999/2500", "bytes 1000-1999/2500", "bytes 0-999/2500", "bytes 1000-1999/2500", "bytes 2000-2499/2500"],
            requests.Select(r => r.ContentRange));
        Assert.Equal(
            [old.Credentials.ApiKey, old.Credentials.ApiKey, fresh.Credentials.ApiKey, fresh.Credentials.ApiKey, fresh.Credentials.ApiKey],
            requests.Select(r => r.Fields["api_key"]));
        // The upload restarted under a new X-Unique-Upload-Id: Cloudinary is not shown to accept a key change within one upload.
        Assert.Equal(requests[0].UploadId, requests[1].UploadId);
        Assert.NotEqual(requests[0].UploadId, requests[2].UploadId);
        Assert.Single(requests.Skip(2).Select(r => r.UploadId).Distinct());
        Assert.Equal(
            Enumerable.Range(0, 2500).Select(i => GeneratedStream.ByteAt(i)),
            requests.Skip(2).SelectMany(r => r.FileBytes!));
    }

    [Fact]
    public async Task UploadAsync_AgainstEmulatorAfterKeyDisabled_PicksUpTheRotatedKeyWithoutRestart()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        var source = new ScriptedCredentialSource(new CredentialSnapshot(emulator.Credentials, "1"));
        using var provider = new SecureCloudinary.Internal.CloudinaryCredentialProvider(source);
        using var http = new HttpClient();
        var client = new CloudinaryClient(http, provider);
        await client.PingAsync(Ct);

        var rotated = emulator.AddApiKey();
        source.Next = new CredentialSnapshot(rotated, "2");
        emulator.DisableApiKey(emulator.Credentials.ApiKey);
        var result = await client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct);

        Assert.NotNull(result.PublicId);
        Assert.Equal(rotated.ApiKey, Assert.Single(emulator.Assets).UploadedWithApiKey);
        Assert.Equal(rotated, (await provider.GetSnapshotAsync(Ct)).Credentials);
    }
}
