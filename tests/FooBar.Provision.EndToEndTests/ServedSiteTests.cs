using System.Net;

namespace FooBar.Provision.EndToEndTests;

[Collection(WebStackCollection.Name)]
public sealed class ServedSiteTests(WebStackFixture stack)
{
    [Fact]
    public void Verify_resolves_www_foobar_com_through_the_lab_dns_and_finds_the_page()
    {
        var result = Provision.Run("verify", stack.Inventory, "--dns-server", Lab.DnsServer);

        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Contains("www.foobar.com", result.Output, StringComparison.Ordinal);
        Assert.Contains("10.99.1.2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_greets_and_its_visit_counter_increments_from_one_request_to_the_next()
    {
        using var page = await Site.GetAsync(WebStackFixture.Host, "www.foobar.com", "/");
        Assert.Contains("Hello from www.foobar.com", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var first = await Site.VisitsAsync(WebStackFixture.Host, "www.foobar.com");
        var second = await Site.VisitsAsync(WebStackFixture.Host, "www.foobar.com");

        Assert.Equal(first + 1, second);
    }

    [Fact]
    public async Task Static_files_come_from_nginx_without_reaching_the_app()
    {
        using var css = await Site.GetAsync(WebStackFixture.Host, "www.foobar.com", "/static/style.css");
        using var page = await Site.GetAsync(WebStackFixture.Host, "foobar.com", "/");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.Contains("X-Served-By"));
        Assert.Equal("foobar-app", Assert.Single(page.Headers.GetValues("X-Served-By")));
    }

    [Fact]
    public async Task Health_checks_the_database()
    {
        using var health = await Site.GetAsync(WebStackFixture.Host, "www.foobar.com", "/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
