using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorSigningTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Upload_WrongSecret_Returns401InvalidSignatureWithStringToSign()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var wrong = new CloudinaryCredentials(emulator.CloudName, emulator.Credentials.ApiKey, "not-the-secret");
        var fields = EmulatorHttp.Signed(wrong, new Dictionary<string, string> { ["public_id"] = "x" });

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal($"Invalid Signature {fields["signature"]}. String to sign - 'public_id=x&timestamp={fields["timestamp"]}'.", reply.ErrorMessage);
        Assert.DoesNotContain(emulator.Credentials.ApiSecret, reply.Body, StringComparison.Ordinal);
        Assert.Empty(emulator.Assets);
    }

    [Fact]
    public async Task Upload_TamperedField_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "x" });
        fields["public_id"] = "y";

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.StartsWith("Invalid Signature ", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Sha256Signature_Accepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "x" }, sha256: true);

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(64, fields["signature"].Length);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_AmpersandInValue_AcceptsVersion2AndVersion1Signatures(bool version2)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>
        {
            ["notification_url"] = "https://example.invalid/hook?a=1&b=2",
        }, version2: version2);

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Upload_AmpersandInValueWrongSignature_ErrorShowsVersion2Escaping()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>
        {
            ["notification_url"] = "https://example.invalid/hook?a=1&b=2",
        });
        fields["signature"] = new string('0', 40);

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Contains("notification_url=https://example.invalid/hook?a=1%26b=2&timestamp=", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TimestampOlderThanOneHour_Returns400Stale()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>
        {
            ["timestamp"] = Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });

        time.Advance(TimeSpan.FromMinutes(59));
        var fresh = await http.UploadAsync(fields, [1]);
        time.Advance(TimeSpan.FromMinutes(2));
        var stale = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Equal("Stale request - reported time is 2026-03-01 12:00:00 +0000 which is more than 1 hour ago", stale.ErrorMessage);
    }

    [Fact]
    public async Task Upload_BasicAuthWithoutSignature_Accepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1_1/emulated/image/upload", UriKind.Relative))
        {
            Content = EmulatorHttp.Form(new Dictionary<string, string> { ["public_id"] = "basic" }, [1, 2]),
        };
        var credentials = $"{emulator.Credentials.ApiKey}:{emulator.Credentials.ApiSecret}";
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));

        var reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("basic", Assert.Single(emulator.Assets).PublicId);
    }

    [Fact]
    public async Task Upload_NonNumericTimestamp_Returns400()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["timestamp"] = "yesterday" });

        var reply = await http.UploadAsync(fields, [1]);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("Invalid timestamp", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WrongCloudName_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.PostAsync("v1_1/other-cloud/image/upload",
            EmulatorHttp.Form(EmulatorHttp.Signed(emulator.Credentials, []), [1]));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Invalid cloud_name other-cloud", reply.ErrorMessage);
    }
}
