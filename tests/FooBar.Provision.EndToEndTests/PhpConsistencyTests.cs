using System.Net;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// On a fresh php-fpm host (lab25): a pool php-fpm rejects is caught before the package's default pool goes; a rotated
/// password and a rejected pool in one apply leave MariaDB and config.ini agreeing; a broken release is switched back.
/// </summary>
public sealed class PhpConsistencyTests(ITestOutputHelper output)
{
    private const int Host = 25;
    private const string Domain = "php.foobar.com";
    private const string BadPool = "  php_fpm_start_servers: 5\n  php_fpm_max_spare_servers: 3\n";

    [Fact]
    public async Task Rejected_pools_leave_the_host_working_and_every_related_resource_agreeing()
    {
        RolesLab.Fresh(Host);
        var source = RolesLab.CopyOfTheApp("php");
        var first = RolesLab.SecretFile(RolesLab.HardPassword);
        string Vars(string extra = "") => $"  domain: {Domain}\n  app_server_kind: php-fpm\n  app_source: {source}\n{extra}";

        // A fresh host and pool settings php-fpm rejects: caught before the package's working default pool is removed.
        var fresh = Provision.Json("apply", RolesLab.Inventory(Host, first, Vars(BadPool)));
        Assert.True(fresh.Exit == 1, fresh.Raw);
        Assert.Contains("php-fpm rejects the new pool", fresh.Raw, StringComparison.Ordinal);
        Assert.Equal("www.conf", Lab.Ssh(Host, "ls /etc/php/8.2/fpm/pool.d/").Trim());
        Assert.Contains("password = it%27s", Lab.Ssh(Host, "cat /srv/foobar/shared/config.ini"), StringComparison.Ordinal);

        // Good settings converge; the hard password works through PHP's parse_ini_file and PDO.
        var good = RolesLab.Inventory(Host, first, Vars());
        var converge = Provision.Json("apply", good);
        Assert.True(converge.Exit == 0, converge.Raw);
        Assert.True(RolesLab.Changed(Provision.Json("apply", good).Report) == 0);
        var visits = await Site.VisitsAsync(Host, Domain);
        Assert.Equal(visits + 1, await Site.VisitsAsync(Host, Domain));

        // Rotating the password together with a rejected pool: MariaDB and config.ini keep agreeing, the site serves.
        var second = RolesLab.SecretFile("rotated 'pässword' \\ ;# 2");
        var rotate = Provision.Json("apply", RolesLab.Inventory(Host, second, Vars(BadPool)));
        Assert.True(rotate.Exit == 1, rotate.Raw);
        Assert.Contains("php-fpm rejects the new pool", rotate.Raw, StringComparison.Ordinal);
        Assert.Contains("rotate password of foobar@localhost", rotate.Raw, StringComparison.Ordinal);
        Assert.Contains("password = rotated%20%27p%C3%A4ssword%27", Lab.Ssh(Host, "cat /srv/foobar/shared/config.ini"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, Domain, "/health"));
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, Domain, "/"));
        var settle = RolesLab.Inventory(Host, second, Vars());
        Assert.True(Provision.Json("apply", settle).Exit == 0);
        Assert.True(RolesLab.Changed(Provision.Json("apply", settle).Report) == 0);

        // A release whose front controller does not parse: the apply fails with php-fpm's log and the old one serves.
        var previous = RolesLab.Current(Host);
        var broken = RolesLab.CopyOfTheApp("php");
        File.AppendAllText(Path.Combine(broken, "index.php"), "\nthis is not php;\n");
        var deploy = Provision.Run("apply", settle, "--var", $"app_source={broken}");
        output.WriteLine($"broken php release: exit {deploy.Exit}\n{deploy.Output}");
        Assert.True(deploy.Exit == 1, deploy.Output + deploy.Error);
        Assert.Contains("put back", deploy.Output, StringComparison.Ordinal);
        Assert.Equal(previous, RolesLab.Current(Host));
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, Domain, "/health"));
        Assert.True(Provision.Json("apply", settle).Exit == 0);
        Assert.True(RolesLab.Changed(Provision.Json("apply", settle).Report) == 0);
    }
}
