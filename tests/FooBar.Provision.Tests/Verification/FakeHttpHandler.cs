using System.Net;

namespace FooBar.Provision.Tests.Verification;

/// <summary>An HTTP handler that records each request and answers with a canned response: no network.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _respond;

    public FakeHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public List<(Uri? Uri, string? Host)> Requests { get; } = [];

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static FakeHttpHandler Answering(HttpStatusCode status, string body) =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) }));

    /// <summary>Answers each request with a page greeting its Host header.</summary>
    public static FakeHttpHandler Greeting() =>
        new((request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"<html><h1>Hello from {request.Headers.Host}</h1></html>") }));

    /// <summary>Fails every request as a closed port does.</summary>
    public static FakeHttpHandler Refusing() =>
        new((request, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException($"Connection refused ({request.RequestUri?.Host}:80)")));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((request.RequestUri, request.Headers.Host));
        }

        return _respond(request, cancellationToken);
    }
}
