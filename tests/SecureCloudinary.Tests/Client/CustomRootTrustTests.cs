using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Client;

public sealed class CustomRootTrustTests
{
    private static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=secrets.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
    }

    [Fact]
    public void Validate_ChainErrorsButLeafChainsToConfiguredCa_Accepts()
    {
        using var ca = CreateCa("test-ca");
        using var leaf = CreateLeaf(ca);

        Assert.True(CustomRootTrust.Validate([ca], leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_LeafFromAnotherCa_Rejects()
    {
        using var ca = CreateCa("test-ca");
        using var other = CreateCa("other-ca");
        using var leaf = CreateLeaf(ca);

        Assert.False(CustomRootTrust.Validate([other], leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_NameMismatchEvenWithTrustedChain_Rejects()
    {
        using var ca = CreateCa("test-ca");
        using var leaf = CreateLeaf(ca);

        Assert.False(CustomRootTrust.Validate(
            [ca], leaf, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_NoCertificate_Rejects()
    {
        using var ca = CreateCa("test-ca");

        Assert.False(CustomRootTrust.Validate([ca], null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void Validate_PlatformAlreadyTrustsTheServer_Accepts()
    {
        using var ca = CreateCa("test-ca");
        using var other = CreateCa("other-ca");
        using var leaf = CreateLeaf(ca);

        Assert.True(CustomRootTrust.Validate([other], leaf, SslPolicyErrors.None));
    }

    [Fact]
    public async Task Apply_ServerCertificateFromTheConfiguredCa_TlsHandshakeSucceeds()
    {
        using var ca = CreateCa("loopback-ca");
        using var server = CreateLoopbackServerCertificate(ca);
        await using var tls = await LoopbackTlsServer.StartAsync(server);
        using var handler = new SocketsHttpHandler();
        CustomRootTrust.Apply(handler, [ca]);
        using var client = new HttpClient(handler);

        var body = await client.GetStringAsync(tls.Address, TestContext.Current.CancellationToken);

        Assert.Equal("ok", body);
        Assert.Equal(1, tls.Served);
    }

    [Fact]
    public async Task Apply_ServerCertificateFromAnotherCa_TlsHandshakeFails()
    {
        using var ca = CreateCa("loopback-ca");
        using var other = CreateCa("other-ca");
        using var server = CreateLoopbackServerCertificate(ca);
        await using var tls = await LoopbackTlsServer.StartAsync(server);
        using var handler = new SocketsHttpHandler();
        CustomRootTrust.Apply(handler, [other]);
        using var client = new HttpClient(handler);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(tls.Address, TestContext.Current.CancellationToken));

        Assert.IsType<AuthenticationException>(e.InnerException);
        Assert.Equal(0, tls.Served);
    }

    [Fact]
    public async Task WithoutApply_SelfSignedCa_TlsHandshakeFails()
    {
        // The control: the platform alone does not trust the test CA, so the test above proves Apply's callback.
        using var ca = CreateCa("loopback-ca");
        using var server = CreateLoopbackServerCertificate(ca);
        await using var tls = await LoopbackTlsServer.StartAsync(server);
        using var client = new HttpClient(new SocketsHttpHandler());

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(tls.Address, TestContext.Current.CancellationToken));

        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    /// <summary>A server certificate for 127.0.0.1 issued by <paramref name="ca"/>, with its private key, usable by SslStream.</summary>
    private static X509Certificate2 CreateLoopbackServerCertificate(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [5, 6, 7, 8]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>An HTTPS listener on 127.0.0.1 (port 0) that answers every request with "ok" and counts the requests served.</summary>
    private sealed class LoopbackTlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _served;

        private LoopbackTlsServer(TcpListener listener, X509Certificate2 certificate)
        {
            _listener = listener;
            _certificate = certificate;
            _loop = Task.Run(AcceptAsync);
        }

        public Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        /// <summary>Requests served: each came over a TLS session the client accepted.</summary>
        public int Served => Volatile.Read(ref _served);

        public static Task<LoopbackTlsServer> StartAsync(X509Certificate2 certificate)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new LoopbackTlsServer(listener, certificate));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var ssl = new SslStream(socket.GetStream());
                try
                {
                    await ssl.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                }
                catch (Exception e) when (e is AuthenticationException or IOException)
                {
                    continue; // the client refused the certificate
                }

                try
                {
                    // With TLS 1.3 the server finishes its handshake before the client judges the certificate, so
                    // only a request that arrived counts as a client that accepted it.
                    var buffer = new byte[4096];
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await ssl.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    if (!request.ToString().StartsWith("GET / HTTP/1.1\r\n", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref _served);
                    await ssl.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), _stop.Token);
                    await ssl.FlushAsync(_stop.Token);
                }
                catch (IOException)
                {
                    // the client dropped the connection after refusing the certificate
                }
            }
        }
    }
}
