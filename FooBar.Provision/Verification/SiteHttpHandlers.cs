using System.Net;

namespace FooBar.Provision.Verification;

/// <summary>The real HTTP handlers for <see cref="SiteVerifier"/>.</summary>
public static class SiteHttpHandlers
{
    /// <summary>A handler that talks to the URL's address itself: no proxy, no redirects followed, no cookies.</summary>
    /// <param name="acceptAnyCertificate">Accept any TLS certificate (self-signed, wrong name, expired).</param>
    /// <param name="connectTimeout">How long to wait for the TCP connection.</param>
    /// <remarks>
    /// With TLS, the name sent in SNI and checked against the certificate is the request's Host header, so the
    /// site's certificate is verified even though the URL holds an IP address. <paramref name="acceptAnyCertificate"/>
    /// turns that check off: use it only for a lab's self-signed certificate.
    /// </remarks>
    public static HttpMessageHandler Create(bool acceptAnyCertificate, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = connectTimeout,
        };
        if (acceptAnyCertificate)
        {
#pragma warning disable CA5359 // opt-in per host (verify_insecure: true) for self-signed lab certificates
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
}
