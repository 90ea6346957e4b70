using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Haproxy;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Roles.Haproxy.HaproxyFixture;

namespace FooBar.Provision.Tests.Roles.Haproxy;

/// <summary>The haproxy role's resources and the configuration it renders for each combination of its variables.</summary>
public sealed class HaproxyConfigTests
{
    [Fact]
    public void Build_declares_packages_configuration_and_service_in_order()
    {
        var builder = Build();

        Assert.Equal(["packages[haproxy,socat]", $"file[{Config}]", "service[haproxy]"], builder.Ids());
        Assert.Equal([HaproxyRole.ReloadHandler], builder.File(Config).Notify);
        Assert.Equal("644", builder.File(Config).Mode);
    }

    [Fact]
    public void The_configuration_is_checked_with_haproxy_c_before_the_reload()
    {
        var handler = Assert.Single(Build().Handlers);

        Assert.Equal("reload haproxy", handler.Name);
        Assert.Equal("haproxy -c -f /etc/haproxy/haproxy.cfg", handler.ValidateScript?.Text);
        Assert.Equal("systemctl reload haproxy", handler.Script.Text);
        Assert.Equal([HaproxyRole.ReloadHandler], Build().Resources.OfType<ServiceResource>().Single().StartSatisfies);
    }

    [Fact]
    public void Without_systemd_the_reload_goes_through_the_init_script()
    {
        var handler = Assert.Single(Harness().WithFacts(FooBar.Provision.Facts.HostFacts.Debian12 with { InitSystem = "sysvinit" }).Build().Handlers);

        Assert.Equal("service haproxy reload", handler.Script.Text);
    }

    [Fact]
    public void The_backend_servers_are_the_hosts_of_the_web_group_named_as_in_the_inventory()
    {
        var config = ConfigText();

        Assert.Contains("  default_backend web\n", config, StringComparison.Ordinal);
        Assert.Contains("\nbackend web\n  balance roundrobin\n", config, StringComparison.Ordinal);
        Assert.Contains("  server web1 192.0.2.21:80\n  server web2 192.0.2.22:80\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("db1", config, StringComparison.Ordinal);
        Assert.DoesNotContain("lb1", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_name_group_port_and_balance_follow_their_variables()
    {
        var inventory = HaInventory(new HostEntry("app1", "192.0.2.41") { Groups = ["app"] });

        var config = ConfigText(Vars(("haproxy_backend_name", "app_pool"), ("haproxy_backend_group", "app"), ("haproxy_backend_port", 8080), ("haproxy_balance", "leastconn")), inventory);

        Assert.Contains("  default_backend app_pool\n", config, StringComparison.Ordinal);
        Assert.Contains("\nbackend app_pool\n  balance leastconn\n", config, StringComparison.Ordinal);
        Assert.Contains("  server app1 192.0.2.41:8080\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("web1", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_host_is_reached_at_its_haproxy_server_address_when_it_sets_one()
    {
        var inventory = new InventoryView(
        [
            new HostEntry("web1", "192.0.2.21") { Groups = ["web"], Variables = new VariableSet(Vars(("haproxy_server_address", "10.0.1.21"))) },
            new HostEntry("web2", "2001:db8::22") { Groups = ["web"] },
        ]);

        var config = ConfigText(inventory: inventory);

        Assert.Contains("  server web1 10.0.1.21:80\n  server web2 [2001:db8::22]:80\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_servers_follow_the_group_hosts_with_their_own_port_or_the_backend_port()
    {
        var extras = new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "legacy1", ["address"] = "192.0.2.50" },
            new Dictionary<string, object?> { ["name"] = "legacy2", ["address"] = "legacy2.example.com", ["port"] = 8081 },
        };

        var config = ConfigText(Vars(("haproxy_extra_servers", extras)));

        Assert.Contains("  server web2 192.0.2.22:80\n  server legacy1 192.0.2.50:80\n  server legacy2 legacy2.example.com:8081\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_checks_are_http_gets_with_a_host_header_and_small_default_intervals()
    {
        var config = ConfigText();

        Assert.Contains("  option httpchk\n  http-check send meth GET uri / ver HTTP/1.1 hdr Host localhost\n  http-check expect status 200\n", config, StringComparison.Ordinal);
        Assert.Contains("  default-server check inter 1s rise 2 fall 2\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_check_path_host_status_and_timing_follow_their_variables()
    {
        var config = ConfigText(Vars(("haproxy_health_path", "/health?full=1"), ("haproxy_health_host", "www.foobar.com"), ("haproxy_health_status", 204), ("haproxy_check_interval", "500ms"), ("haproxy_check_rise", 3), ("haproxy_check_fall", 1)));

        Assert.Contains("  http-check send meth GET uri /health?full=1 ver HTTP/1.1 hdr Host www.foobar.com\n  http-check expect status 204\n", config, StringComparison.Ordinal);
        Assert.Contains("  default-server check inter 500ms rise 3 fall 1\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_address_goes_to_the_servers_in_x_forwarded_for_and_failed_connections_are_redispatched()
    {
        var config = ConfigText();

        Assert.Contains("  option forwardfor\n", config, StringComparison.Ordinal);
        Assert.Contains("  option redispatch\n  retries 3\n", config, StringComparison.Ordinal);
        Assert.Contains("  http-request set-header X-Forwarded-Proto http\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_socket_is_root_only_at_admin_level_and_hands_listeners_over_on_reload()
    {
        var config = ConfigText();

        Assert.Contains("  stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners\n", config, StringComparison.Ordinal);
        Assert.Equal("/run/haproxy/admin.sock", HaproxyRole.AdminSocket);
    }

    [Fact]
    public void Timeouts_and_maxconn_follow_their_variables()
    {
        var defaults = ConfigText();
        var set = ConfigText(Vars(("haproxy_timeout_connect", "2s"), ("haproxy_timeout_client", "5m"), ("haproxy_timeout_server", "90s"), ("haproxy_timeout_http_request", "5000"), ("haproxy_maxconn", 20000)));

        Assert.Contains("  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n  timeout http-request 10s\n", defaults, StringComparison.Ordinal);
        Assert.Contains("  maxconn 4096\n", defaults, StringComparison.Ordinal);
        Assert.Contains("  timeout connect 2s\n  timeout client 5m\n  timeout server 90s\n  timeout http-request 5000\n", set, StringComparison.Ordinal);
        Assert.Contains("  maxconn 20000\n", set, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tls_the_frontend_listens_on_80_only_on_both_address_families_or_ipv4_alone()
    {
        var both = ConfigText();
        var ipv4 = ConfigText(Vars(("haproxy_listen_ipv6", false)));

        // Two sockets, not one v4v6 socket: IPv4 clients then reach X-Forwarded-For as 192.0.2.7, not ::ffff:192.0.2.7.
        Assert.Contains("frontend www\n  bind *:80\n  bind :::80 v6only\n  http-request", both, StringComparison.Ordinal);
        Assert.Contains("frontend www\n  bind *:80\n  http-request", ipv4, StringComparison.Ordinal);
        Assert.DoesNotContain("443", both, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect", both, StringComparison.Ordinal);
        Assert.DoesNotContain("ssl", both, StringComparison.Ordinal);
    }
}
