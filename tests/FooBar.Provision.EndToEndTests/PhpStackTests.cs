using System.Net;

namespace FooBar.Provision.EndToEndTests;

/// <summary>The php-fpm kind of the stack converges and serves on a second lab host.</summary>
public sealed class PhpStackTests
{
    private const int Host = 2;

    [Fact]
    public async Task The_php_fpm_kind_converges_serves_and_is_idempotent()
    {
        Lab.UpWithFreshHost(2, Host);
        var inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx",
            $"  domain: php.foobar.com\n  verify_text: Hello from www.foobar.com\n  app_server_kind: php-fpm\n  app_source: {Path.Combine(Lab.RepositoryRoot, "app", "php")}");

        var apply = Provision.Json("apply", inventory);
        var again = Provision.Json("apply", inventory);
        var verify = Provision.Run("verify", inventory, "--dns-server", Lab.DnsServer);

        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.Empty(Provision.Ids(again.Report, "changed"));
        Assert.True(verify.Exit == 0, verify.Output + verify.Error);
        var first = await Site.VisitsAsync(Host, "php.foobar.com");
        Assert.Equal(first + 1, await Site.VisitsAsync(Host, "php.foobar.com"));
        using var css = await Site.GetAsync(Host, "php.foobar.com", "/static/style.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.Contains("X-Served-By"));
    }
}
