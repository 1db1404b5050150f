using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MinimalApi;

namespace SecureCloudinary.MinimalApi.Tests;

public sealed class SampleApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_NoAccountConfigured_SaysItUsesTheEmulator()
    {
        await using var server = await SampleServer.StartAsync(Token);

        Assert.Contains($"using a local Cloudinary emulator at {server.Emulator.BaseAddress}", server.ConsoleOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Emulator.Credentials.ApiSecret, server.ConsoleOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_EmulatorCredentials_HealthyJsonWithTheFingerprintInUse()
    {
        await using var server = await SampleServer.StartAsync(Token);

        using var response = await server.Http.GetAsync(new Uri("health", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(server.Emulator.Credentials.ApiSecret, body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var data = json.GetProperty("entries").GetProperty("securecloudinary").GetProperty("data");
        Assert.Equal(server.Emulator.Credentials.Fingerprint, data.GetProperty("fingerprint").GetString());
        Assert.Equal("Configuration", data.GetProperty("source").GetString());
    }

    [Fact]
    public async Task UploadSignature_NeverContainsSecret_AndSignsTheServerChosenParameters()
    {
        await using var server = await SampleServer.StartAsync(Token);
        var credentials = server.Emulator.Credentials;

        var body = await server.Http.GetStringAsync(new Uri("upload-signature", UriKind.Relative), Token);

        Assert.DoesNotContain(credentials.ApiSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudinary://", body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(credentials.ApiKey, json.GetProperty("apiKey").GetString());
        Assert.Equal(new Uri(server.Emulator.BaseAddress, "v1_1/emulated/auto/upload"), new Uri(json.GetProperty("uploadUrl").GetString()!));
        var parameters = json.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(["folder", "tags", "timestamp"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("samples", parameters["folder"]);
        Assert.Equal(json.GetProperty("timestamp").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), parameters["timestamp"]);

        // Recomputed here by hand: SHA-1 over the sorted k=v pairs followed by the secret.
        var toSign = $"folder=samples&tags=browser-upload&timestamp={parameters["timestamp"]}";
        var expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(toSign + credentials.ApiSecret)));
        Assert.Equal(expected, json.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task UploadSignature_UsedAsABrowserWould_EmulatorAcceptsUpload()
    {
        await using var server = await SampleServer.StartAsync(Token);
        var json = await server.Http.GetFromJsonAsync<JsonElement>(new Uri("upload-signature", UriKind.Relative), Token);
        using var form = new MultipartFormDataContent();
        foreach (var parameter in json.GetProperty("parameters").EnumerateObject())
        {
            form.Add(new StringContent(parameter.Value.GetString()!), parameter.Name);
        }

        form.Add(new StringContent(json.GetProperty("apiKey").GetString()!), "api_key");
        form.Add(new StringContent(json.GetProperty("signature").GetString()!), "signature");
        form.Add(new ByteArrayContent(TestPng.Create(2, 2, 0, 0, 255)), "file", "blue.png");

        using var upload = await server.Http.PostAsync(new Uri(json.GetProperty("uploadUrl").GetString()!), form, Token);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var asset = Assert.Single(server.Emulator.Assets);
        Assert.StartsWith("samples/", asset.PublicId, StringComparison.Ordinal);
        Assert.Equal("browser-upload", asset.Parameters["tags"]);
    }

    [Fact]
    public async Task PostImages_Multipart_UploadsThroughTheServer()
    {
        await using var server = await SampleServer.StartAsync(Token);
        var png = TestPng.Create(3, 2, 255, 0, 0);

        using var response = await server.Http.PostAsync(new Uri("images", UriKind.Relative), ImageForm(png), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var uploaded = await response.Content.ReadFromJsonAsync<ImageUploaded>(Token);
        var asset = Assert.Single(server.Emulator.Assets);
        Assert.Equal(asset.PublicId, uploaded!.PublicId);
        Assert.StartsWith("samples/", asset.PublicId, StringComparison.Ordinal);
        Assert.Equal(("png", (long)png.Length), (uploaded.Format, uploaded.Bytes!.Value));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), asset.Sha256);
        Assert.Equal("server-upload", asset.Parameters["tags"]);
        Assert.Equal(server.Emulator.Credentials.ApiKey, asset.UploadedWithApiKey);
    }

    [Fact]
    public async Task PostImages_NoFile_Returns400AndUploadsNothing()
    {
        await using var server = await SampleServer.StartAsync(Token);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await server.Http.PostAsync(new Uri("images", UriKind.Relative), form, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Emulator.Assets);
    }

    [Fact]
    public async Task PostImages_FromAnotherOrigin_Returns403AndUploadsNothing()
    {
        await using var server = await SampleServer.StartAsync(Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("images", UriKind.Relative))
        {
            Content = ImageForm(TestPng.Create(1, 1, 0, 0, 0)),
        };
        request.Headers.Add("Origin", "https://attacker.example");

        using var response = await server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(server.Emulator.Assets);
    }

    [Fact]
    public async Task ImageUrl_UploadedImage_SignedUrlThatTheEmulatorServes()
    {
        await using var server = await SampleServer.StartAsync(Token);
        var png = TestPng.Create(4, 4, 0, 255, 0);
        using var posted = await server.Http.PostAsync(new Uri("images", UriKind.Relative), ImageForm(png), Token);
        var uploaded = await posted.Content.ReadFromJsonAsync<ImageUploaded>(Token);

        var reply = await server.Http.GetFromJsonAsync<DeliveryUrlResponse>(
            new Uri($"images/{Uri.EscapeDataString(uploaded!.PublicId!)}/url?format=png", UriKind.Relative), Token);
        using var image = await server.Http.GetAsync(new Uri(reply!.Url), Token);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/emulated/image/upload/s--[A-Za-z0-9_-]{8}--/v1/samples/[a-z0-9]+\.png$", reply.Url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task ImageUrl_UrlWithoutItsSignature_IsRefusedByTheStrictEmulator()
    {
        await using var server = await SampleServer.StartAsync(Token);
        using var posted = await server.Http.PostAsync(new Uri("images", UriKind.Relative), ImageForm(TestPng.Create(1, 1, 1, 1, 1)), Token);
        var uploaded = await posted.Content.ReadFromJsonAsync<ImageUploaded>(Token);
        var reply = await server.Http.GetFromJsonAsync<DeliveryUrlResponse>(
            new Uri($"images/{Uri.EscapeDataString(uploaded!.PublicId!)}/url", UriKind.Relative), Token);

        var unsigned = System.Text.RegularExpressions.Regex.Replace(reply!.Url, "/s--[^/]+--/", "/");
        using var image = await server.Http.GetAsync(new Uri(unsigned), Token);

        Assert.NotEqual(reply.Url, unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, image.StatusCode);
    }

    [Fact]
    public async Task ImageUrl_PublicIdEndingInItsFormat_DoesNotRepeatTheExtension()
    {
        await using var server = await SampleServer.StartAsync(Token);

        var reply = await server.Http.GetFromJsonAsync<DeliveryUrlResponse>(
            new Uri("images/samples%2Fnotes.txt/url?format=txt", UriKind.Relative), Token);

        Assert.EndsWith("/samples/notes.txt", reply!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageUrl_InvalidFormat_Returns400()
    {
        await using var server = await SampleServer.StartAsync(Token);

        using var response = await server.Http.GetAsync(new Uri("images/cat/url?format=p.n-g", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task IndexPage_IsServedWithTheUploadScript()
    {
        await using var server = await SampleServer.StartAsync(Token);

        var html = await server.Http.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        var script = await server.Http.GetStringAsync(new Uri("app.js", UriKind.Relative), Token);

        Assert.Contains("<input id=\"file\" type=\"file\"", html, StringComparison.Ordinal);
        Assert.Contains("upload-signature", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLOUDINARY_URL", "cloudinary://k:s@demo", true)]
    [InlineData("Cloudinary:CloudName", "demo", true)]
    [InlineData("Cloudinary:Source", "Vault", true)]
    [InlineData("Unrelated", "x", false)]
    [InlineData("CLOUDINARY_URL", " ", false)]
    public void HasAccount_Configuration_DecidesBetweenAccountAndEmulator(string key, string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Equal(expected, MinimalApiApp.HasAccount(configuration));
    }

    private static MultipartFormDataContent ImageForm(byte[] png)
    {
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "photo.png" } };
    }
}
