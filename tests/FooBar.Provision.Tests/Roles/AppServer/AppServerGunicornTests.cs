using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Testing;
using FooBar.Provision.Tests.Transport;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>The app-server role with its default kind, gunicorn.</summary>
public sealed class AppServerGunicornTests
{
    private const string Unit = "/etc/systemd/system/foobar.service";

    [Fact]
    public void Build_declares_packages_user_unit_and_service_in_order()
    {
        var builder = AppServerFixture.Build();

        Assert.Equal(
            ["packages[gunicorn,python3-pymysql]", "group[foobar]", "user[foobar]", $"file[{Unit}]", "service[foobar]"],
            builder.Ids());
    }

    [Fact]
    public void Unit_runs_the_wsgi_app_from_current_as_the_app_user()
    {
        var unit = AppServerFixture.Build().PoolOrFile(Unit).Text();

        Assert.Contains("User=foobar\n", unit, StringComparison.Ordinal);
        Assert.Contains("Group=foobar\n", unit, StringComparison.Ordinal);
        Assert.Contains("WorkingDirectory=/srv/foobar/current\n", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=FOOBAR_CONFIG=/srv/foobar/shared/config.ini\n", unit, StringComparison.Ordinal);
        Assert.Contains(
            "ExecStart=/usr/bin/gunicorn --chdir /srv/foobar/current --bind 127.0.0.1:8000 --workers 2 --timeout 30 --graceful-timeout 30 --access-logfile - foobar_app:application\n",
            unit,
            StringComparison.Ordinal);
        Assert.Contains("ExecReload=/bin/kill -HUP $MAINPID\n", unit, StringComparison.Ordinal);
        Assert.Contains("Restart=on-failure\n", unit, StringComparison.Ordinal);
        Assert.Contains("WantedBy=multi-user.target", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("ExecStartPre", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_follows_the_name_bind_workers_and_wsgi_variables()
    {
        var builder = AppServerFixture.Build(new Dictionary<string, object?>
        {
            ["app_name"] = "shop",
            ["app_user"] = "shopper",
            ["app_bind"] = "127.0.0.1:9001",
            ["app_workers"] = "5",
            ["app_wsgi"] = "shop.wsgi:app",
        });

        var unit = builder.PoolOrFile("/etc/systemd/system/shop.service").Text();
        Assert.Contains("ExecStart=/usr/bin/gunicorn --chdir /srv/shop/current --bind 127.0.0.1:9001 --workers 5 ", unit, StringComparison.Ordinal);
        Assert.Contains(" shop.wsgi:app\n", unit, StringComparison.Ordinal);
        Assert.Contains("User=shopper\n", unit, StringComparison.Ordinal);
        Assert.Contains("service[shop]", builder.Ids());
    }

    [Fact]
    public void Unix_bind_creates_the_socket_directory_before_gunicorn_starts()
    {
        var unit = AppServerFixture.Build(new Dictionary<string, object?> { ["app_bind"] = "unix:/run/foobar/gunicorn.sock" }).PoolOrFile(Unit).Text();

        Assert.Contains("ExecStartPre=+/usr/bin/install -d -m 0755 -o foobar -g foobar /run/foobar\n", unit, StringComparison.Ordinal);
        Assert.Contains("--bind unix:/run/foobar/gunicorn.sock ", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_change_notifies_restart_and_the_handlers_use_systemctl()
    {
        var builder = AppServerFixture.Build();

        Assert.Equal([AppServerRole.RestartHandler], builder.PoolOrFile(Unit).Notify);
        var handlers = builder.Handlers.ToDictionary(h => h.Name);
        Assert.Equal("if systemctl is-active --quiet foobar; then systemctl reload foobar; else systemctl reset-failed foobar 2>/dev/null || true; systemctl restart foobar; fi", handlers["reload app-server"].Script.Text);
        Assert.Equal("systemctl daemon-reload\nsystemctl reset-failed foobar 2>/dev/null || true\nsystemctl restart foobar", handlers["restart app-server"].Script.Text);
        Assert.All(handlers.Values, h => Assert.Null(h.ValidateScript));
    }

    [Fact]
    public void Service_must_run_and_start_at_boot()
    {
        var service = AppServerFixture.Build().Resources.OfType<ServiceResource>().Single();

        Assert.Equal("foobar", service.Service);
        Assert.True(service.Running);
        Assert.True(service.Enabled);
    }

    [Fact]
    public void Host_without_systemd_gets_an_init_script_and_service_handlers()
    {
        var builder = AppServerFixture.Build(facts: AppServerFixture.WithoutSystemd);

        Assert.DoesNotContain(builder.Resources, r => r.Name == Unit);
        var script = builder.PoolOrFile("/etc/init.d/foobar");
        Assert.Equal("755", script.Mode);
        Assert.Equal([AppServerRole.RestartHandler], script.Notify);
        var text = script.Text();
        Assert.StartsWith("#!/bin/sh\n", text, StringComparison.Ordinal);
        Assert.Contains("# Provides:          foobar\n", text, StringComparison.Ordinal);
        Assert.Contains("--chuid \"$APP_USER:$APP_USER\"", text, StringComparison.Ordinal);
        Assert.Contains("--signal HUP", text, StringComparison.Ordinal);
        Assert.Contains("export FOOBAR_CONFIG=/srv/foobar/shared/config.ini\n", text, StringComparison.Ordinal);
        Assert.Contains("--chdir \"$CURRENT\" --bind 127.0.0.1:8000 --workers 2", text, StringComparison.Ordinal);
        var handlers = builder.Handlers.ToDictionary(h => h.Name);
        Assert.Equal("if service foobar status >/dev/null 2>&1; then service foobar reload; else service foobar restart; fi", handlers["reload app-server"].Script.Text);
        Assert.Equal("service foobar restart", handlers["restart app-server"].Script.Text);
    }

    [Fact]
    public void Init_script_is_valid_posix_sh()
    {
        var text = AppServerFixture.Build(new Dictionary<string, object?> { ["app_bind"] = "unix:/run/foobar/gunicorn.sock" }, AppServerFixture.WithoutSystemd)
            .PoolOrFile("/etc/init.d/foobar").Text();
        var path = Path.Combine(Path.GetTempPath(), "foobar-init-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        try
        {
            var (exit, _, errors) = LocalProcess.Run("/bin/sh", ["-n", path]);
            Assert.True(exit == 0, errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void User_is_left_to_app_files_when_that_role_is_on_the_host()
    {
        var builder = AppServerFixture.Build(roles: ["app-files", "app-server"]);

        Assert.DoesNotContain(builder.Resources, r => r is UserResource or GroupResource);
    }
}
