using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>The app-server role's defaults and its checks of values that end up in unit, script and pool files.</summary>
public sealed class AppServerVariablesTests
{
    [Theory]
    [InlineData("app_name", "foobar")]
    [InlineData("app_user", "foobar")]
    [InlineData("app_server_kind", "gunicorn")]
    [InlineData("app_bind", "127.0.0.1:8000")]
    [InlineData("app_wsgi", "foobar_app:application")]
    [InlineData("app_workers", "2")]
    public void Defaults_follow_the_roles_contract(string name, string expected)
    {
        var defaults = new VariableSet(new AppServerRole().Defaults);

        Assert.Equal(expected, defaults.GetString(name));
    }

    [Fact]
    public void Role_requires_no_variable()
    {
        var role = new AppServerRole();

        Assert.Equal("app-server", role.Name);
        Assert.Empty(role.RequiredVariables);
    }

    [Theory]
    [InlineData("app_server_kind", "uwsgi")]
    [InlineData("app_name", "foo bar")]
    [InlineData("app_name", "foo\nExecStartPre=/bin/evil")]
    [InlineData("app_name", "../etc")]
    [InlineData("app_user", "root;reboot")]
    [InlineData("app_bind", "127.0.0.1:8000 --reload")]
    [InlineData("app_bind", "unix:/run/$(id)/x.sock")]
    [InlineData("app_wsgi", "app:application --preload")]
    [InlineData("app_workers", "0")]
    [InlineData("app_workers", "many")]
    [InlineData("php_version", "8.2; rm -rf /")]
    public void Unsafe_or_invalid_values_are_refused_before_anything_is_rendered(string name, string value)
    {
        var variables = new Dictionary<string, object?> { [name] = value };
        if (name.StartsWith("php", StringComparison.Ordinal))
        {
            variables["app_server_kind"] = "php-fpm";
        }

        Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => AppServerFixture.Build(variables));
    }

    [Theory]
    [InlineData("php_fpm_pm", "adaptive")]
    [InlineData("php_fpm_listen_owner", "www data")]
    [InlineData("php_fpm_process_idle_timeout", "10s\nuser = root")]
    public void Invalid_pool_settings_are_refused(string name, string value)
    {
        var variables = new Dictionary<string, object?> { ["app_server_kind"] = "php-fpm", [name] = value };

        Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => AppServerFixture.Build(variables));
    }
}
