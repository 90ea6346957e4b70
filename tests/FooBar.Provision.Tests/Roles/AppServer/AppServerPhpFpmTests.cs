using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>The app-server role with <c>app_server_kind: php-fpm</c>.</summary>
public sealed class AppServerPhpFpmTests
{
    private const string Pool = "/etc/php/8.2/fpm/pool.d/foobar.conf";

    private static readonly Dictionary<string, object?> Php = new() { ["app_server_kind"] = "php-fpm" };

    [Fact]
    public void Build_declares_packages_user_pool_default_pool_removal_and_service_in_order()
    {
        var builder = AppServerFixture.Build(Php);

        Assert.Equal(
            ["packages[php8.2-fpm,php8.2-mysql,libfcgi-bin]", "group[foobar]", "user[foobar]", $"file[{Pool}]", "absent[/etc/php/8.2/fpm/pool.d/www.conf]", "service[php8.2-fpm]"],
            builder.Ids());
    }

    [Fact]
    public void Default_pool_is_removed_even_before_the_package_installs_it()
    {
        var absent = AppServerFixture.Build(Php).Resources.OfType<AbsentResource>().Single();

        Assert.Equal("php8.2-fpm", absent.InstalledBy);
        Assert.Equal([AppServerRole.RestartHandler], absent.Notify);
    }

    [Fact]
    public void Pool_runs_as_the_app_user_on_a_socket_nginx_can_reach()
    {
        var pool = AppServerFixture.Build(Php).PoolOrFile(Pool).Text();

        Assert.Contains("[foobar]\n", pool, StringComparison.Ordinal);
        Assert.Contains("user = foobar\ngroup = foobar\n", pool, StringComparison.Ordinal);
        Assert.Contains("listen = /run/php/foobar-fpm.sock\n", pool, StringComparison.Ordinal);
        Assert.Contains("listen.owner = www-data\n", pool, StringComparison.Ordinal);
        Assert.Contains("listen.mode = 0660\n", pool, StringComparison.Ordinal);
        Assert.Contains("env[FOOBAR_CONFIG] = /srv/foobar/shared/config.ini\n", pool, StringComparison.Ordinal);
        Assert.Contains("pm = dynamic\npm.max_children = 5\npm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n", pool, StringComparison.Ordinal);
        Assert.DoesNotContain("process_idle_timeout", pool, StringComparison.Ordinal);
    }

    [Fact]
    public void Ondemand_pool_has_an_idle_timeout_and_no_spare_servers()
    {
        var variables = new Dictionary<string, object?>(Php) { ["php_fpm_pm"] = "ondemand", ["php_fpm_max_children"] = "12" };

        var pool = AppServerFixture.Build(variables).PoolOrFile(Pool).Text();

        Assert.Contains("pm = ondemand\npm.max_children = 12\npm.process_idle_timeout = 10s\n", pool, StringComparison.Ordinal);
        Assert.DoesNotContain("spare_servers", pool, StringComparison.Ordinal);
    }

    [Fact]
    public void Handlers_check_the_configuration_with_php_fpm_t_before_reload_or_restart()
    {
        var builder = AppServerFixture.Build(Php);

        Assert.Equal([AppServerRole.RestartHandler], builder.PoolOrFile(Pool).Notify);
        var handlers = builder.Handlers.ToDictionary(h => h.Name);
        Assert.Equal("if systemctl is-active --quiet php8.2-fpm; then systemctl reload php8.2-fpm; else systemctl reset-failed php8.2-fpm 2>/dev/null || true; systemctl restart php8.2-fpm; fi", handlers["reload app-server"].Script.Text);
        Assert.Equal("systemctl daemon-reload\nsystemctl reset-failed php8.2-fpm 2>/dev/null || true\nsystemctl restart php8.2-fpm", handlers["restart app-server"].Script.Text);
        Assert.All(handlers.Values, h => Assert.Equal("php-fpm8.2 -t", h.ValidateScript?.Text));
    }

    [Fact]
    public void Php_version_selects_packages_pool_directory_and_service()
    {
        var builder = AppServerFixture.Build(new Dictionary<string, object?>(Php) { ["php_version"] = "8.3" });

        Assert.Contains("packages[php8.3-fpm,php8.3-mysql,libfcgi-bin]", builder.Ids());
        Assert.Contains("file[/etc/php/8.3/fpm/pool.d/foobar.conf]", builder.Ids());
        Assert.Contains("service[php8.3-fpm]", builder.Ids());
        Assert.Equal("php-fpm8.3 -t", builder.Handlers[0].ValidateScript?.Text);
    }

    [Fact]
    public void Host_without_systemd_reloads_php_fpm_through_service()
    {
        var builder = AppServerFixture.Build(Php, AppServerFixture.WithoutSystemd);

        Assert.Equal("if service php8.2-fpm status >/dev/null 2>&1; then service php8.2-fpm reload; else service php8.2-fpm restart; fi", builder.Handlers.Single(h => h.Name == "reload app-server").Script.Text);
    }
}
