using System.Net;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorKeyTests
{
    [Fact]
    public async Task Upload_UnknownApiKey_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var stranger = new CloudinaryCredentials(emulator.CloudName, "999999999999999", "whatever");

        var reply = await http.UploadAsync(EmulatorHttp.Signed(stranger, []), [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Unknown API key 999999999999999", reply.ErrorMessage);
    }

    [Fact]
    public async Task DisableApiKey_ThenEnable_RejectsThenAccepts()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var key = emulator.Credentials.ApiKey;

        emulator.DisableApiKey(key);
        var disabled = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1]);
        var disabledPing = await http.GetWithBasicAsync("v1_1/emulated/ping", key, emulator.Credentials.ApiSecret);
        emulator.EnableApiKey(key);
        var enabled = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, disabled.Status);
        Assert.Equal($"API key {key} is disabled", disabled.ErrorMessage);
        Assert.Equal(HttpStatusCode.Unauthorized, disabledPing.Status);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
    }

    [Fact]
    public async Task RemoveApiKey_Existing_RejectsAsUnknown()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        Assert.True(emulator.RemoveApiKey(emulator.Credentials.ApiKey));
        Assert.False(emulator.RemoveApiKey(emulator.Credentials.ApiKey));
        var reply = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal($"Unknown API key {emulator.Credentials.ApiKey}", reply.ErrorMessage);
    }

    [Fact]
    public async Task AddApiKey_Generated_WorksAlongsideOriginal()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var rotated = emulator.AddApiKey();
        var withNew = await http.UploadAsync(EmulatorHttp.Signed(rotated, []), [1]);
        var withOld = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1]);

        Assert.Matches("^[1-9][0-9]{14}$", rotated.ApiKey);
        Assert.Matches("^[A-Za-z0-9_-]{27}$", rotated.ApiSecret);
        Assert.NotEqual(emulator.Credentials.ApiKey, rotated.ApiKey);
        Assert.Equal(emulator.BaseAddress, rotated.Settings.UploadPrefix);
        Assert.Equal(HttpStatusCode.OK, withNew.Status);
        Assert.Equal(HttpStatusCode.OK, withOld.Status);
        Assert.Equal(rotated.ApiKey, emulator.Assets[0].UploadedWithApiKey);
    }

    [Fact]
    public async Task AddApiKey_Explicit_UsedBySignedRequests()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var added = emulator.AddApiKey("123456789012345", "abcd");
        var reply = await http.UploadAsync(EmulatorHttp.Signed(added, []), [1]);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Throws<InvalidOperationException>(() => emulator.AddApiKey("123456789012345", "other"));
    }

    [Fact]
    public async Task DisableApiKey_Unknown_ThrowsArgumentException()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Throws<ArgumentException>(() => emulator.DisableApiKey("nope"));

        Assert.Equal("apiKey", error.ParamName);
        Assert.Throws<ArgumentException>(() => emulator.EnableApiKey("nope"));
    }
}
