using System.Net;
using FooBar.Provision.Variables;
using FooBar.Provision.Verification;
using static FooBar.Provision.Tests.Verification.VerifyTestKit;

namespace FooBar.Provision.Tests.Verification;

public sealed class SiteVerifierVariablesTests
{
    [Fact]
    public async Task Verify_scheme_path_status_and_text_shape_the_request_and_the_expectation()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var http = FakeHttpHandler.Answering(HttpStatusCode.Created, "created for www.foobar.com");
        var host = WebHost(("verify_scheme", "https"), ("verify_path", "health?full=1"), ("verify_status", "201"), ("verify_text", "created for {domain}"));

        var check = Assert.Single((await VerifyAsync(dns, http, host)).Checks);

        Assert.Equal(SiteCheckStatus.Passed, check.Status);
        Assert.Equal(new Uri("https://10.99.1.2/health?full=1"), Assert.Single(http.Requests).Uri);
    }

    [Fact]
    public async Task With_verify_address_the_names_must_resolve_to_it_and_the_request_goes_to_it()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", "10.99.200.100");
        var http = FakeHttpHandler.Greeting();

        var report = await VerifyAsync(dns, http, WebHost(("verify_address", "10.99.200.100")));

        var check = Assert.Single(report.Checks);
        Assert.Equal(SiteCheckStatus.Passed, check.Status);
        var (uri, hostHeader) = Assert.Single(http.Requests);
        Assert.Equal(new Uri("http://10.99.200.100/"), uri);
        Assert.Equal("www.foobar.com", hostHeader);
        Assert.Equal("10.99.200.100", Assert.Single(report.Hosts).Address);
    }

    [Fact]
    public async Task With_verify_address_a_name_resolving_to_the_host_itself_is_a_mismatch_naming_verify_address()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);

        var check = Assert.Single((await VerifyAsync(dns, FakeHttpHandler.Greeting(), WebHost(("verify_address", "10.99.200.100")))).Checks);

        Assert.Equal(SiteCheckStatus.DnsMismatch, check.Status);
        Assert.StartsWith("www.foobar.com resolves to 10.99.1.2, not to lab1's verify_address 10.99.200.100:", check.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", "not a public DNS resolver (Google Public DNS)")]
    [InlineData("http://10.99.200.100/", "an IP address or a host name")]
    public async Task A_verify_address_that_is_a_public_resolver_or_not_an_address_is_refused_before_any_request(string address, string expected)
    {
        var http = FakeHttpHandler.Greeting();

        var e = await Assert.ThrowsAsync<VariableException>(() => VerifyAsync(new FakeDnsResolver(), http, WebHost(("verify_address", address))));

        Assert.Contains($"host 'lab1': variable 'verify_address' must be", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task A_host_with_verify_insecure_uses_the_insecure_handler()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var normal = FakeHttpHandler.Greeting();
        var insecure = FakeHttpHandler.Greeting();
        var verifier = new SiteVerifier(dns, normal, new SiteVerifierOptions { InsecureHandler = insecure });

        await verifier.VerifyAsync([WebHost(("verify_scheme", "https"), ("verify_insecure", true))]);

        Assert.Empty(normal.Requests);
        Assert.Single(insecure.Requests);
    }

    [Fact]
    public async Task A_page_that_does_not_answer_in_time_fails_as_http_error()
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var hanging = new FakeHttpHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var verifier = new SiteVerifier(dns, hanging, new SiteVerifierOptions { Timeout = TimeSpan.FromMilliseconds(200) });

        var check = Assert.Single((await verifier.VerifyAsync([WebHost()])).Checks);

        Assert.Equal(SiteCheckStatus.HttpError, check.Status);
        Assert.Contains("no response within 0.2 s", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify_status", "abc", "must be an integer")]
    [InlineData("verify_status", "42", "HTTP status code")]
    [InlineData("verify_scheme", "ftp", "http or https")]
    [InlineData("domain", "https://www.foobar.com/", "a host name")]
    public async Task Invalid_verify_variables_are_bad_input_reported_before_any_host_is_contacted(string name, string value, string expected)
    {
        var dns = new FakeDnsResolver().With("www.foobar.com", Lab1);
        var http = FakeHttpHandler.Greeting();
        var good = WebHost();
        var bad = Host("lab2", "10.99.2.2", ("domain", "www.foobar.com"), (name, value));

        var error = await Assert.ThrowsAsync<VariableException>(() => VerifyAsync(dns, http, good, bad));

        Assert.StartsWith("host 'lab2': variable '" + name + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(dns.Queries);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public void The_defaults_are_http_root_200_and_the_domain_greeting()
    {
        var target = SiteTarget.FromHost(WebHost());

        Assert.NotNull(target);
        Assert.Equal(new SiteTarget("www.foobar.com", [], "http", "/", 200, "Hello from {domain}", false), target with { Aliases = [] });
        Assert.Equal("Hello from www.foobar.com", target.TextFor("foobar.com"));
    }

    [Theory]
    [InlineData("foobar.com,shop.foobar.com", new[] { "foobar.com", "shop.foobar.com" })]
    [InlineData("", new string[0])]
    [InlineData("www.foobar.com", new string[0])]
    public void Aliases_given_with_var_are_a_comma_separated_string(string aliases, string[] expected)
    {
        var target = SiteTarget.FromHost(WebHost(("domain_aliases", aliases)));

        Assert.Equal(expected, target?.Aliases);
    }
}
