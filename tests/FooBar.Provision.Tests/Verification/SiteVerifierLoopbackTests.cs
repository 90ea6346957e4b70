using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.VerifyTestKit;

namespace FooBar.Provision.Tests.Verification;

/// <summary>The real HTTP handler against a server this test runs on 127.0.0.1.</summary>
public sealed class SiteVerifierLoopbackTests
{
    private static readonly FakeDnsResolver Dns = new FakeDnsResolver().With("www.foobar.com", "127.0.0.1");

    [Fact]
    public async Task The_real_handler_connects_to_the_host_address_and_sends_the_domain_as_Host_header()
    {
        using var server = new LoopbackWebServer("<h1>Hello from www.foobar.com</h1>");
        var host = Host("local", "127.0.0.1", ("domain", "www.foobar.com"), ("verify_port", (long)server.Port));

        var check = Assert.Single((await VerifyAsync(host)).Checks);

        Assert.Equal(SiteCheckStatus.Passed, check.Status);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("GET / HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains($"\r\nHost: www.foobar.com:{server.Port}\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_unless_verify_insecure_is_set()
    {
        using var server = new LoopbackWebServer("<h1>Hello from www.foobar.com</h1>", certificateName: "www.foobar.com");
        var host = Host("local", "127.0.0.1", ("domain", "www.foobar.com"), ("verify_scheme", "https"), ("verify_port", (long)server.Port));

        var refused = Assert.Single((await VerifyAsync(host)).Checks);
        var accepted = Assert.Single((await VerifyAsync(host with { Variables = host.Variables.Merge([new("verify_insecure", "true")]) })).Checks);

        Assert.Equal(SiteCheckStatus.HttpError, refused.Status);
        Assert.Contains("failed: TLS handshake failed: The remote certificate is invalid", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("(for a self-signed certificate set verify_insecure: true)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SiteCheckStatus.Passed, accepted.Status);
        Assert.NotEmpty(server.ServerNames);
        Assert.All(server.ServerNames, name => Assert.Equal("www.foobar.com", name));
    }

    private static async Task<VerifyReport> VerifyAsync(Provision.Inventory.HostEntry host)
    {
        var timeout = TimeSpan.FromSeconds(5);
        using var handler = SiteHttpHandlers.Create(acceptAnyCertificate: false, timeout);
        using var insecure = SiteHttpHandlers.Create(acceptAnyCertificate: true, timeout);
        var verifier = new SiteVerifier(Dns, handler, new SiteVerifierOptions { Timeout = timeout, InsecureHandler = insecure });
        return await verifier.VerifyAsync([host]);
    }
}
