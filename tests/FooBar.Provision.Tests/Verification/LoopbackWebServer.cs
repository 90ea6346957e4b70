using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FooBar.Provision.Tests.Verification;

/// <summary>A tiny HTTP (or HTTPS, with a self-signed certificate) server on 127.0.0.1 that answers every request with one page.</summary>
internal sealed class LoopbackWebServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly string _body;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackWebServer(string body, string? certificateName = null)
    {
        _body = body;
        _certificate = certificateName is null ? null : SelfSigned(certificateName);
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each request's head (request line and headers), as received.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The names clients sent in TLS SNI.</summary>
    public List<string> ServerNames { get; } = [];

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // the client refused our certificate or hung up: next connection
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerAsync(Stream stream)
    {
        if (_certificate is not null)
        {
            var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = (_, name) =>
                {
                    lock (ServerNames)
                    {
                        ServerNames.Add(name ?? "");
                    }

                    return _certificate;
                },
            }, _stop.Token);
            stream = tls;
        }

        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
        {
            head.Append((char)buffer[0]);
        }

        lock (Requests)
        {
            Requests.Add(head.ToString());
        }

        var body = Encoding.UTF8.GetBytes(_body);
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
        await stream.FlushAsync(_stop.Token);
        await stream.DisposeAsync();
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _certificate?.Dispose();
        _stop.Dispose();
    }
}
