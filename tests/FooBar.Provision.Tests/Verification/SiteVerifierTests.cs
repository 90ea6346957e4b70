using System.Net;
using FooBar.Provision.Reporting;
using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.VerifyTestKit;

namespace FooBar.Provision.Tests.Verification;

public sealed class SiteVerifierTests
{
    [Fact]
    public async Task A_name_that_resolves_to_the_host_and_serves_the_greeting_passes()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);

        var report = await VerifyAsync(dns, FakeHttpHandler.Greeting(), WebHost());

        var check = Assert.Single(report.Checks);
        Assert.Equal(SiteCheckStatus.Passed, check.Status);
        Assert.Equal([Lab1], check.Dns.Resolved);
        Assert.Equal(200, check.Http?.StatusCode);
        Assert.Null(check.Warning);
        Assert.Equal(ExitCodes.Success, report.ExitCode);
    }

    [Fact]
    public async Task The_request_goes_to_the_host_address_with_the_domain_as_Host_header()
    {
        var http = FakeHttpHandler.Greeting();

        await VerifyAsync(new FakeDnsResolver().With("www.foobar.com", "203.0.113.9"), http, WebHost());

        var (uri, host) = Assert.Single(http.Requests);
        Assert.Equal(new Uri("http://10.99.1.2/"), uri);
        Assert.Equal("www.foobar.com", host);
    }

    [Fact]
    public async Task A_name_that_resolves_elsewhere_is_a_dns_mismatch_whose_warning_names_both_addresses()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", "203.0.113.9");

        var report = await VerifyAsync(dns, FakeHttpHandler.Greeting(), WebHost());

        var check = Assert.Single(report.Checks);
        Assert.Equal(SiteCheckStatus.DnsMismatch, check.Status);
        Assert.Equal("dns-mismatch", check.StatusName);
        Assert.Equal(
            "www.foobar.com resolves to 203.0.113.9, not to lab1's address 10.99.1.2: the DNS record still points elsewhere (update the A record; browsers will not reach this host)",
            check.Warning);
        Assert.Equal(ExitCodes.HostFailed, report.ExitCode);
    }

    [Fact]
    public async Task A_name_that_resolves_to_the_host_and_to_another_address_is_a_dns_mismatch()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1, "203.0.113.9");

        var check = Assert.Single((await VerifyAsync(dns, FakeHttpHandler.Greeting(), WebHost())).Checks);

        Assert.Equal(SiteCheckStatus.DnsMismatch, check.Status);
        Assert.Contains("not only to lab1's address 10.99.1.2", check.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_whose_address_is_a_name_is_compared_by_the_addresses_that_name_resolves_to()
    {
        var dns = new FakeDnsResolver().With("web1.lab", Lab1, "10.99.1.3").With("www.foobar.com", "10.99.1.3");
        var host = Host("web1", "web1.lab", ("domain", "www.foobar.com"));
        var http = FakeHttpHandler.Greeting();

        var check = Assert.Single((await VerifyAsync(dns, http, host)).Checks);

        Assert.Equal(SiteCheckStatus.Passed, check.Status);
        Assert.Equal([Lab1, "10.99.1.3"], check.Dns.Expected);
        Assert.Equal(new Uri("http://10.99.1.2/"), Assert.Single(http.Requests).Uri);
    }

    [Fact]
    public async Task A_body_without_the_expected_text_fails_with_a_snippet_of_the_body()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var http = FakeHttpHandler.Answering(HttpStatusCode.OK, "<html>\n  <h1>Welcome to nginx!</h1>\n</html>");

        var check = Assert.Single((await VerifyAsync(dns, http, WebHost())).Checks);

        Assert.Equal(SiteCheckStatus.TextMissing, check.Status);
        Assert.Equal("<html> <h1>Welcome to nginx!</h1> </html>", check.Http?.Snippet);
        Assert.Contains("does not contain \"Hello from www.foobar.com\"", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_other_than_the_expected_one_fails()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var http = FakeHttpHandler.Answering(HttpStatusCode.NotFound, "Hello from www.foobar.com, but not found");

        var check = Assert.Single((await VerifyAsync(dns, http, WebHost())).Checks);

        Assert.Equal(SiteCheckStatus.WrongStatus, check.Status);
        Assert.Contains(": 404, expected 200", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alias_is_checked_with_its_own_Host_header_and_the_domain_greeting()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1).With("foobar.com", Lab1);
        var http = FakeHttpHandler.Answering(HttpStatusCode.OK, "Hello from www.foobar.com");

        var report = await VerifyAsync(dns, http, WebHost(("domain_aliases", new List<object?> { "foobar.com" })));

        Assert.Equal(["www.foobar.com", "foobar.com"], report.Checks.Select(c => c.Name));
        Assert.Equal(["www.foobar.com", "foobar.com"], http.Requests.Select(r => r.Host));
        Assert.All(report.Checks, c => Assert.True(c.Passed));
    }

    [Fact]
    public async Task An_alias_that_does_not_resolve_fails_as_dns_failed_while_the_domain_passes()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);

        var report = await VerifyAsync(dns, FakeHttpHandler.Greeting(), WebHost(("domain_aliases", "foobar.com")));

        Assert.Equal([SiteCheckStatus.Passed, SiteCheckStatus.DnsFailed], report.Checks.Select(c => c.Status));
        Assert.Contains("NXDOMAIN", report.Checks[1].Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.HostFailed, report.ExitCode);
    }

    [Fact]
    public async Task A_host_without_a_domain_variable_is_skipped_and_not_contacted()
    {
        var dns = new FakeDnsResolver();
        var http = FakeHttpHandler.Greeting();

        var report = await VerifyAsync(dns, http, Host("db", "10.99.3.2"));

        var host = Assert.Single(report.Hosts);
        Assert.Equal(("skipped", "no domain variable"), (host.StatusName, host.SkipReason));
        Assert.Empty(dns.Queries);
        Assert.Empty(http.Requests);
        Assert.Equal(ExitCodes.Success, report.ExitCode);
    }

    [Fact]
    public async Task A_refused_connection_fails_as_http_error()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);

        var check = Assert.Single((await VerifyAsync(dns, FakeHttpHandler.Refusing(), WebHost())).Checks);

        Assert.Equal(SiteCheckStatus.HttpError, check.Status);
        Assert.Contains("failed: Connection refused (10.99.1.2:80)", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_address_that_does_not_resolve_fails_every_name_without_a_request()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var http = FakeHttpHandler.Greeting();

        var report = await VerifyAsync(dns, http, Host("web1", "web1.lab", ("domain", "www.foobar.com"), ("domain_aliases", "foobar.com")));

        Assert.All(report.Checks, c => Assert.Equal((SiteCheckStatus.DnsFailed, null), (c.Status, c.Http)));
        Assert.StartsWith("cannot resolve web1's address web1.lab: web1.lab does not exist", report.Checks[0].Message, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task The_snippet_of_an_HTML_page_is_its_visible_text()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        const string Page = "<!DOCTYPE html><html><head><title>x</title><style>h1 { color: red }</style></head>\n<body><h1>Welcome to nginx!</h1><p>Fish &amp; chips</p></body></html>";
        var http = new FakeHttpHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Page, System.Text.Encoding.UTF8, "text/html") }));

        var check = Assert.Single((await VerifyAsync(dns, http, WebHost())).Checks);

        Assert.Equal("Welcome to nginx! Fish & chips", check.Http?.Snippet);
    }
}
