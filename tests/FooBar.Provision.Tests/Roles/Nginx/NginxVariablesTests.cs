using FooBar.Provision.Roles.Nginx;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>The nginx role's defaults, its required variable and its checks of values that end up in its files.</summary>
public sealed class NginxVariablesTests
{
    [Fact]
    public void Domain_is_required_and_has_no_default()
    {
        var role = new NginxRole();

        Assert.Equal(["domain"], role.RequiredVariables);
        Assert.False(role.Defaults.ContainsKey("domain"));
    }

    [Theory]
    [InlineData("app_name", "foobar")]
    [InlineData("app_server_kind", "gunicorn")]
    [InlineData("app_bind", "127.0.0.1:8000")]
    [InlineData("nginx_extra_config", "")]
    public void Defaults_follow_the_roles_contract(string name, string expected)
    {
        var defaults = new VariableSet(new NginxRole().Defaults);

        Assert.Equal(expected, defaults.GetString(name));
        Assert.Empty(defaults.GetStringList("domain_aliases"));
        Assert.Null(defaults.GetStringOrNull("nginx_tls_key"));
    }

    [Theory]
    [InlineData("domain", "www.foobar.com; include /etc/shadow")]
    [InlineData("domain", "www.foobar.com\n  location / {")]
    [InlineData("domain", "")]
    [InlineData("app_name", "Foo Bar")]
    [InlineData("app_server_kind", "passenger")]
    [InlineData("app_bind", "127.0.0.1:8000; return 200")]
    [InlineData("nginx_client_max_body_size", "10m; autoindex on")]
    [InlineData("nginx_static_expires", "7d;")]
    [InlineData("nginx_proxy_read_timeout", "forever")]
    [InlineData("nginx_worker_connections", "0")]
    public void Unsafe_or_invalid_values_are_refused(string name, string value)
    {
        Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => NginxFixture.Build(new Dictionary<string, object?> { [name] = value }));
    }

    [Fact]
    public void Unsafe_alias_is_refused_and_duplicate_names_are_dropped()
    {
        Assert.Throws<FooBar.Provision.Inventory.InventoryException>(() => NginxFixture.Build(new Dictionary<string, object?> { ["domain_aliases"] = new List<object?> { "a.com b.com" } }));

        var site = NginxFixture.Build(new Dictionary<string, object?> { ["domain_aliases"] = new List<object?> { "foobar.com", "WWW.foobar.com", "*.foobar.com" } }).File(NginxFixture.Site).Text();
        Assert.Contains("server_name www.foobar.com foobar.com *.foobar.com;", site, StringComparison.Ordinal);
    }
}
