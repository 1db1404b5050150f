using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    [Fact]
    public async Task PingAndUsage_AgainstEmulator_Succeed()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var ping = await fx.Client.PingAsync(Ct);
        var usage = await fx.Client.GetUsageAsync(Ct);

        Assert.Equal("ok", ping.Status);
        Assert.Equal("Emulated", usage.Plan);
        Assert.Contains(fx.Emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200);
    }

    [Theory]
    [InlineData(SignatureAlgorithm.Sha1)]
    [InlineData(SignatureAlgorithm.Sha256)]
    public async Task UploadAsync_SmallStream_EmulatorAcceptsSignature(SignatureAlgorithm algorithm)
    {
        await using var fx = await EmulatorFixture.StartAsync(new CloudinaryClientOptions { SignatureAlgorithm = algorithm });
        var request = UploadRequest.FromStream(new MemoryStream("tiny file"u8.ToArray()), "tiny.txt");
        request.ResourceType = "raw";
        request.PublicId = "docs/tiny";
        request.Tags = ["a", "b"];
        request.Overwrite = true;
        request.Context = new Dictionary<string, string> { ["alt"] = "a=b|c" };
        var result = await fx.Client.UploadAsync(request, Ct);

        Assert.Equal("docs/tiny", result.PublicId);
        Assert.Equal(9, result.Bytes);
        Assert.Equal("raw", result.ResourceType);
        Assert.NotNull(result.SecureUrl);
        var asset = Assert.Single(fx.Emulator.Assets);
        Assert.Equal(["a", "b"], asset.Tags);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("tiny file"u8)), asset.Sha256);
    }

    [Fact]
    public async Task UploadAsync_RemoteUrlAndDataUri_Accepted()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var remote = await fx.Client.UploadAsync(UploadRequest.FromRemoteUrl(new Uri("https://example.com/cat.jpg")), Ct);
        var inline = await fx.Client.UploadAsync(UploadRequest.FromDataUri("data:image/png;base64,iVBORw0KGgo="), Ct);
        Assert.NotNull(remote.PublicId);
        Assert.NotNull(inline.PublicId);
        Assert.Equal(2, fx.Emulator.Assets.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UploadAsync_12MbIn5MbChunks_EmulatorAssemblesFile(bool seekable)
    {
        const long size = 12_000_000;
        await using var fx = await EmulatorFixture.StartAsync(
            new CloudinaryClientOptions { ChunkSize = CloudinaryClientOptions.MinimumChunkSize, ChunkedUploadThreshold = CloudinaryClientOptions.MinimumChunkSize },
            new CloudinaryEmulatorOptions { MinimumChunkSize = CloudinaryClientOptions.MinimumChunkSize });
        var request = UploadRequest.FromStream(new GeneratedStream(size, seekable), "big.mp4");
        request.ResourceType = "video";
        request.PublicId = "videos/big";
        var result = await fx.Client.UploadAsync(request, Ct);

        Assert.Equal("videos/big", result.PublicId);
        Assert.Equal(size, result.Bytes);
        var asset = Assert.Single(fx.Emulator.Assets);
        Assert.Equal(3, asset.ChunkCount);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[1_000_000];
        for (long offset = 0; offset < size; offset += block.Length)
        {
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = GeneratedStream.ByteAt(offset + i);
            }

            hash.AppendData(block);
        }

        Assert.Equal(Convert.ToHexStringLower(hash.GetHashAndReset()), asset.Sha256);
        var chunks = fx.Emulator.Requests.Where(r => r.UploadId is not null).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.Single(chunks.Select(c => c.UploadId).Distinct());
    }

    [Fact]
    public async Task DestroyAsync_ExistingThenMissing_OkThenNotFound()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var request = UploadRequest.FromDataUri("data:,hello");
        request.PublicId = "gone";
        await fx.Client.UploadAsync(request, Ct);

        var first = await fx.Client.DestroyAsync("gone", new DestroyOptions { Invalidate = true }, Ct);
        var second = await fx.Client.DestroyAsync("gone", cancellationToken: Ct);

        Assert.True(first.IsOk);
        Assert.Equal("not found", second.Result);
        Assert.Empty(fx.Emulator.Assets);
    }

    [Fact]
    public async Task Calls_AfterKeyDisabled_AreAuthenticationFailures()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        await fx.Client.PingAsync(Ct);
        fx.Emulator.DisableApiKey(fx.Emulator.Credentials.ApiKey);

        var ping = await Assert.ThrowsAsync<CloudinaryApiException>(() => fx.Client.PingAsync(Ct));
        var upload = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => fx.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct));

        Assert.True(ping.IsAuthenticationFailure);
        Assert.True(upload.IsAuthenticationFailure);
        Assert.DoesNotContain(fx.Emulator.Credentials.ApiSecret, ping.ToString() + upload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_AfterRotation_UseTheNewKeyWithoutNewClient()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var old = fx.Emulator.Credentials;
        var rotated = fx.Emulator.AddApiKey();
        fx.Provider.Current = rotated;
        fx.Emulator.DisableApiKey(old.ApiKey);

        await fx.Client.PingAsync(Ct);
        var result = await fx.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct);

        Assert.NotNull(result.PublicId);
        Assert.Equal(rotated.ApiKey, Assert.Single(fx.Emulator.Assets).UploadedWithApiKey);
    }

    [Fact]
    public async Task UploadAsync_ClientClockStale_RetriesOnceWithFreshTimestamp()
    {
        var serverTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var clientTime = new FakeTimeProvider(serverTime.GetUtcNow().AddHours(-2));
        ClockCorrectingHandler? counter = null;
        await using var fx = await EmulatorFixture.StartAsync(
            emulatorOptions: new CloudinaryEmulatorOptions { TimeProvider = serverTime },
            clientTime: clientTime,
            wrap: inner => counter = new ClockCorrectingHandler(inner, clientTime, serverTime));

        var result = await fx.Client.UploadAsync(UploadRequest.FromStream(new MemoryStream([1, 2, 3]), "a.bin"), Ct);

        Assert.NotNull(result.PublicId);
        Assert.Equal(2, counter!.Sent);
        Assert.StartsWith("Stale request", fx.Emulator.Requests[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(fx.Emulator.Assets).Bytes);
    }

    [Fact]
    public async Task CreateUploadSignatureAsync_BrowserStylePost_AcceptedByEmulator()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var signature = await fx.Client.CreateUploadSignatureAsync([new("public_id", "browser/avatar"), new("resource_type", "image")], Ct);

        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in signature.Parameters)
        {
            form.Add(new StringContent(value), key);
        }

        form.Add(new StringContent(signature.Signature), "signature");
        form.Add(new StringContent(signature.ApiKey), "api_key");
        form.Add(new ByteArrayContent([137, 80, 78, 71]), "file", "avatar.png");
        using var response = await fx.HttpClient.PostAsync(signature.UploadUrl, form, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("browser/avatar", Assert.Single(fx.Emulator.Assets).PublicId);
    }
}
