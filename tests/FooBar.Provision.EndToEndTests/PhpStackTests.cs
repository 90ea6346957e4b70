using System.Net;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The php-fpm kind of the stack converges and serves on a second lab host, then goes HTTPS: over the OpenSSH transport
/// (<c>transport: openssh</c>), so a whole cold converge, a no-op and a change still run on it for real now that SSH.NET is the default.
/// </summary>
public sealed class PhpStackTests
{
    private const int Host = 2;
    private const string Transport = "openssh";

    [Fact]
    public async Task The_php_fpm_kind_converges_serves_is_idempotent_and_turns_on_tls()
    {
        Lab.UpWithFreshHost(2, Host);
        const string Vars = "  domain: php.foobar.com\n  verify_text: Hello from www.foobar.com\n  app_server_kind: php-fpm\n";
        var inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx", Vars + $"  app_source: {Path.Combine(Lab.RepositoryRoot, "app", "php")}", Transport);

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

        await TlsIsServedWithARedirectAndTheKeyNeverShowsAsync(Vars);
    }

    private static async Task TlsIsServedWithARedirectAndTheKeyNeverShowsAsync(string vars)
    {
        var directory = Directory.CreateTempSubdirectory("fbp-tls-").FullName;
        var (certificate, key) = (Path.Combine(directory, "site.crt"), Path.Combine(directory, "site.key"));
        Lab.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=php.foobar.com", "-keyout", key, "-out", certificate], TimeSpan.FromMinutes(1));
        var inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx",
            vars + $"  app_source: {Path.Combine(Lab.RepositoryRoot, "app", "php")}\n  nginx_tls_certificate: {certificate}\n  nginx_tls_key: {{ file: {key} }}\n  verify_scheme: https\n  verify_insecure: true", Transport);

        var apply = Provision.Json("apply", inventory, "-vvv");
        var verify = Provision.Run("verify", inventory, "--dns-server", Lab.DnsServer);
        using var http = await Site.GetAsync(Host, "php.foobar.com", "/");

        Assert.True(apply.Exit == 0, apply.Raw);
        var keyBody = File.ReadAllLines(key)[1];
        Assert.DoesNotContain(keyBody, apply.Raw, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MovedPermanently, http.StatusCode);
        Assert.Equal("https://php.foobar.com/", http.Headers.Location?.ToString());
        Assert.True(verify.Exit == 0, verify.Output + verify.Error);
        Assert.Contains("https://10.99.2.2/", verify.Output, StringComparison.Ordinal);
    }
}
