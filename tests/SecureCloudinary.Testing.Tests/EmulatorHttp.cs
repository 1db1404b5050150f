using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Testing.Tests;

/// <summary>Builds raw Cloudinary requests for the emulator and reads its JSON answers.</summary>
internal sealed class EmulatorHttp(CloudinaryEmulator emulator) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emulator.BaseAddress };

    public HttpClient Client => _http;

    /// <summary>Signed fields: adds timestamp (unless given), signature and api_key.</summary>
    public static Dictionary<string, string> Signed(
        CloudinaryCredentials credentials, IEnumerable<KeyValuePair<string, string>> parameters, bool sha256 = false, bool version2 = true)
    {
        var fields = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        fields.TryAdd("timestamp", TestSigning.Now());
        fields["signature"] = TestSigning.Sign(fields, credentials.ApiSecret, sha256, version2);
        fields["api_key"] = credentials.ApiKey;
        return fields;
    }

    public static MultipartFormDataContent Form(IReadOnlyDictionary<string, string> fields, byte[]? file, string fileName = "photo.png")
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value, Encoding.UTF8), key);
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", fileName);
        }

        return content;
    }

    public Task<Reply> UploadAsync(IReadOnlyDictionary<string, string> fields, byte[]? file, string resourceType = "image") =>
        PostAsync($"v1_1/{emulator.CloudName}/{resourceType}/upload", Form(fields, file));

    public async Task<Reply> PostAsync(string path, HttpContent content)
    {
        using (content)
        {
            using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
            return await Reply.ReadAsync(response);
        }
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            return await Reply.ReadAsync(response);
        }
    }

    public Task<Reply> GetWithBasicAsync(string path, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    internal sealed record Reply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string? ErrorMessage =>
            Json.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;

        public static async Task<Reply> ReadAsync(HttpResponseMessage response) => new(
            response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers);
    }
}
