using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Haproxy;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Roles.Haproxy.HaproxyFixture;

namespace FooBar.Provision.Tests.Roles.Haproxy;

/// <summary>The haproxy role's defaults and what it refuses before any connection: unsafe values, and a backend the inventory cannot fill.</summary>
public sealed class HaproxyVariablesTests
{
    [Theory]
    [InlineData("haproxy_backend_name", "web")]
    [InlineData("haproxy_backend_group", "web")]
    [InlineData("haproxy_balance", "roundrobin")]
    [InlineData("haproxy_health_path", "/")]
    [InlineData("haproxy_check_interval", "1s")]
    public void Defaults_match_the_ha_inventories(string name, string expected)
    {
        var defaults = new VariableSet(new HaproxyRole().Defaults);

        Assert.Equal(expected, defaults.GetString(name));
        Assert.Equal(80, defaults.GetInt("haproxy_backend_port"));
        Assert.Empty(new HaproxyRole().RequiredVariables);
    }

    [Theory]
    [InlineData("haproxy_backend_name", "web pool")]
    [InlineData("haproxy_backend_name", "web\n  server evil 1.2.3.4:80")]
    [InlineData("haproxy_backend_group", "we b")]
    [InlineData("haproxy_backend_port", "0")]
    [InlineData("haproxy_balance", "random")]
    [InlineData("haproxy_health_path", "health")]
    [InlineData("haproxy_health_path", "/ ver HTTP/1.0")]
    [InlineData("haproxy_health_path", "/#comment")]
    [InlineData("haproxy_health_host", "www.foobar.com hdr X-Evil 1")]
    [InlineData("haproxy_health_status", "99")]
    [InlineData("haproxy_check_interval", "soon")]
    [InlineData("haproxy_check_fall", "0")]
    [InlineData("haproxy_timeout_client", "60 s")]
    [InlineData("haproxy_maxconn", "0")]
    [InlineData("haproxy_check_interval", "0")]
    [InlineData("haproxy_check_interval", "500us")]
    [InlineData("haproxy_timeout_client", "0s")]
    [InlineData("haproxy_timeout_server", "25d")]
    [InlineData("haproxy_timeout_connect", "2147483648")]
    public void Unsafe_or_invalid_values_are_refused(string name, string value)
    {
        var message = Refusal(Vars((name, value)));

        Assert.Contains(name, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_group_missing_from_the_inventory_is_refused_naming_the_groups_there_are()
    {
        var message = Refusal(Vars(("haproxy_backend_group", "webs")));

        Assert.Contains("haproxy_backend_group", message, StringComparison.Ordinal);
        Assert.Contains("names the group 'webs', which is not in the inventory", message, StringComparison.Ordinal);
        Assert.Contains("its groups: db, lb, web", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_group_without_hosts_is_refused()
    {
        var inventory = new InventoryView([new HostEntry("lb1", "192.0.2.11") { Groups = ["lb"] }], new Dictionary<string, IReadOnlyList<string>> { ["lb"] = ["lb1"], ["web"] = [] });

        var message = Refusal(inventory: inventory);

        Assert.Contains("names the group 'web', which has no hosts: the backend would have no server", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_servers_alone_are_a_backend_when_the_group_is_empty()
    {
        var extras = new List<object?> { new Dictionary<string, object?> { ["name"] = "legacy1", ["address"] = "192.0.2.50" } };

        var config = ConfigText(Vars(("haproxy_backend_group", ""), ("haproxy_extra_servers", extras)));

        Assert.Contains("  server legacy1 192.0.2.50:80\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("web1", config, StringComparison.Ordinal);
        Assert.Contains("haproxy_extra_servers lists no server", Refusal(Vars(("haproxy_backend_group", ""))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_name_haproxy_cannot_take_as_a_server_name_is_refused()
    {
        var message = Refusal(inventory: HaInventory(new HostEntry("web#3", "192.0.2.23") { Groups = ["web"] }));

        Assert.Contains("host 'web#3' cannot be a haproxy server name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_server_names_are_refused()
    {
        var extras = new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "web1", ["address"] = "192.0.2.50" },
            new Dictionary<string, object?> { ["name"] = "web1", ["address"] = "192.0.2.51" },
        };

        var repeated = Refusal(Vars(("haproxy_extra_servers", extras)));
        var clash = Refusal(Vars(("haproxy_extra_servers", extras.Take(1).ToList())));

        Assert.Contains("haproxy_extra_servers[1].name", repeated, StringComparison.Ordinal);
        Assert.Contains("repeats the server name 'web1'", repeated, StringComparison.Ordinal);
        Assert.Contains("has a server named 'web1', as the host 'web1' of group 'web'", clash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_hosts_bad_server_address_is_refused_naming_the_host()
    {
        var inventory = HaInventory(new HostEntry("web3", "192.0.2.23") { Groups = ["web"], Variables = new VariableSet(Vars(("haproxy_server_address", "10.0.0.1; rm"))) });

        var message = Refusal(inventory: inventory);

        Assert.Contains("host 'web3' sets haproxy_server_address", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_check_exits_3_when_the_backend_group_is_not_in_the_inventory()
    {
        var result = await RoleCheck.RunAsync("""
            groups:
              lb:
                hosts: [lb1]
                roles: [haproxy]
              webservers:
                hosts: [web1]
            hosts:
              lb1:
                address: 192.0.2.11
              web1:
                address: 192.0.2.21
            """);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("haproxy_backend_group", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("names the group 'web', which is not in the inventory", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("lb1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000us")]
    [InlineData("999999999")]
    [InlineData("24d")]
    public void A_time_from_1_ms_to_haproxys_longest_is_taken(string value)
    {
        Assert.Contains($"inter {value} ", ConfigText(Vars(("haproxy_check_interval", value))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "under 1 ms")]
    [InlineData("999us", "under 1 ms")]
    [InlineData("25d", "over haproxy's longest time")]
    public void A_time_haproxy_would_refuse_is_refused_before_any_connection(string value, string says)
    {
        var message = Refusal(Vars(("haproxy_timeout_client", value)));

        Assert.Contains($"variable 'haproxy_timeout_client' is '{value}', {says}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lb", 80L, null)]
    [InlineData("all", 80L, null)]
    [InlineData("lb", 443L, "tls")]
    public void A_backend_group_that_holds_the_load_balancer_itself_is_refused(string group, long port, string? tls)
    {
        var variables = Vars(("haproxy_backend_group", group), ("haproxy_backend_port", port));
        if (tls is not null)
        {
            variables["haproxy_tls_certificate"] = FooBar.Provision.Tests.Roles.Nginx.TestPem.Certificate;
            variables["haproxy_tls_key"] = Secret(FooBar.Provision.Tests.Roles.Nginx.TestPem.Key);
        }

        var message = Refusal(variables);

        Assert.Contains($"variable 'haproxy_backend_group' names the group '{group}', which holds this load balancer 'lb1' itself: haproxy would send the requests it takes on port {port} back to itself", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_on_the_load_balancer_on_another_port_is_taken()
    {
        var config = ConfigText(Vars(("haproxy_backend_group", "lb"), ("haproxy_backend_port", 8080L)));

        Assert.Contains("  server lb1 192.0.2.11:8080\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_in_an_extra_server_is_refused_with_exit_3_not_a_crash()
    {
        var result = await RoleCheck.RunAsync("""
            groups:
              lb:
                hosts: [lb1]
                roles: [haproxy]
                vars:
                  haproxy_backend_group: ""
                  haproxy_extra_servers: [{ name: web3, address: { file: /etc/passwd } }]
            hosts:
              lb1:
                address: 192.0.2.11
            """);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("variable 'haproxy_extra_servers[0].address' is a secret, but its value shows in names, paths and reports", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }
}
