using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureCloudinary.Tests.Client;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1:0 that answers each request with raw bytes chosen by the test (so it can send a
/// redirect, or headers and then nothing). Counts the requests it received.
/// </summary>
public sealed class RawLoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string, byte[]?> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <param name="respond">Given the request head, the bytes to write; null writes nothing and keeps the connection open.</param>
    public RawLoopbackServer(Func<string, byte[]?> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Address { get; }

    public int Requests => Volatile.Read(ref _requests);

    public static byte[] Response(string head, string body = "") =>
        Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n" + body);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var head = new StringBuilder();
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
                var answer = _respond(head.ToString());
                if (answer is not null)
                {
                    await stream.WriteAsync(answer, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    if (Encoding.ASCII.GetString(answer).Contains("Connection: close", StringComparison.OrdinalIgnoreCase))
                    {
                        return;
                    }
                }

                // Keep the connection open (a stall) until the client closes it or the server stops.
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception)
            {
                // The client went away or the server stops.
            }
        }
    }
}
