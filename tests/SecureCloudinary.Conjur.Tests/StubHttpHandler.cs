using System.Net;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>Answers requests synchronously from a function and counts them.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public StubHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

    public List<string> Paths { get; } = [];

    /// <summary>A token JSON with a 8-minute lifetime, as Conjur returns.</summary>
    public static HttpResponseMessage Token() => new(HttpStatusCode.OK)
    {
        Content = new StringContent(
            "{\"protected\":\"e30=\",\"payload\":\"" + Convert.ToBase64String("{\"sub\":\"host/apps/web\",\"iat\":1000,\"exp\":1480}"u8.ToArray())
            + "\",\"signature\":\"c2ln\"}"),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Paths)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
        }

        return Task.FromResult(_respond(request));
    }
}
