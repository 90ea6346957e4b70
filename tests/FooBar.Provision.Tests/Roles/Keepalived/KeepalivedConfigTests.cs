using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Keepalived;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Roles.Keepalived.KeepalivedFixture;

namespace FooBar.Provision.Tests.Roles.Keepalived;

/// <summary>The keepalived role's resources and the configuration it renders for each host of the group and each combination of its variables.</summary>
public sealed class KeepalivedConfigTests
{
    [Fact]
    public void Build_declares_package_directory_private_configuration_and_service()
    {
        var builder = Build();

        Assert.Equal(["packages[keepalived]", "directory[/etc/keepalived]", $"file[{Config}]", "service[keepalived]"], builder.Ids());
        Assert.Equal("600", builder.File(Config).Mode);
        Assert.Equal([KeepalivedRole.ReloadHandler], builder.File(Config).Notify);
        var handler = Assert.Single(builder.Handlers);
        Assert.Equal("keepalived -t -f /etc/keepalived/keepalived.conf", handler.ValidateScript?.Text);
        Assert.Equal("systemctl reload keepalived", handler.Script.Text);
        Assert.Equal([KeepalivedRole.ReloadHandler], builder.Resources.OfType<ServiceResource>().Single().StartSatisfies);
    }

    [Fact]
    public void The_first_host_of_the_group_starts_as_master_with_the_highest_priority_and_the_second_as_backup()
    {
        var lb1 = ConfigText("lb1");
        var lb2 = ConfigText("lb2");

        Assert.Contains("vrrp_instance VI_51 {\n  state MASTER\n  interface eth1\n  virtual_router_id 51\n  priority 200\n  advert_int 1\n", lb1, StringComparison.Ordinal);
        Assert.Contains("vrrp_instance VI_51 {\n  state BACKUP\n  interface eth1\n  virtual_router_id 51\n  priority 190\n  advert_int 1\n", lb2, StringComparison.Ordinal);
        Assert.Contains("  virtual_ipaddress {\n    10.99.200.100/24 dev eth1\n  }\n", lb1, StringComparison.Ordinal);
        Assert.Contains("  virtual_ipaddress {\n    10.99.200.100/24 dev eth1\n  }\n", lb2, StringComparison.Ordinal);
        Assert.DoesNotContain("nopreempt", lb1, StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_follows_haproxy_a_stopped_haproxy_moves_it()
    {
        var config = ConfigText();

        Assert.Contains("vrrp_script check_haproxy {\n  script \"/usr/bin/systemctl is-active --quiet haproxy\"\n  interval 1\n  fall 2\n  rise 2\n}\n", config, StringComparison.Ordinal);
        Assert.Contains("  track_script {\n    check_haproxy\n  }\n", config, StringComparison.Ordinal);
        Assert.Contains("global_defs {\n  enable_script_security\n  script_user root\n}\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_service_or_none_can_be_tracked_and_without_systemd_its_process_is_looked_for()
    {
        var none = ConfigText(variables: Vars(("keepalived_track_service", "")));
        var nginx = Harness(variables: Vars(("keepalived_track_service", "nginx"))).WithFacts(HostFacts.Debian12 with { InitSystem = "sysvinit" }).Build().File(Config).Text();

        Assert.DoesNotContain("vrrp_script", none, StringComparison.Ordinal);
        Assert.DoesNotContain("track_script", none, StringComparison.Ordinal);
        Assert.Contains("  script \"/bin/pidof nginx\"\n", nginx, StringComparison.Ordinal);
        Assert.Contains("    check_nginx\n", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicast_sends_from_the_hosts_own_address_to_the_other_hosts_of_the_group()
    {
        var lb1 = ConfigText("lb1", Vars(("keepalived_unicast", true)));
        var lb2 = ConfigText("lb2", Vars(("keepalived_unicast", true)));
        var multicast = ConfigText();

        Assert.Contains("  unicast_src_ip 10.99.200.11\n  unicast_peer {\n    10.99.200.12\n  }\n", lb1, StringComparison.Ordinal);
        Assert.Contains("  unicast_src_ip 10.99.200.12\n  unicast_peer {\n    10.99.200.11\n  }\n", lb2, StringComparison.Ordinal);
        Assert.DoesNotContain("unicast", multicast, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicast_peers_without_keepalived_address_are_reached_at_their_inventory_address()
    {
        var inventory = new InventoryView([Lb("lb1", "10.0.0.1"), Lb("lb2", "10.0.0.2"), Lb("lb3", "10.0.0.3")]);

        var lb2 = ConfigText("lb2", Vars(("keepalived_unicast", true)), inventory);

        Assert.Contains("  priority 190\n", lb2, StringComparison.Ordinal);
        Assert.Contains("  unicast_src_ip 10.0.0.2\n  unicast_peer {\n    10.0.0.1\n    10.0.0.3\n  }\n", lb2, StringComparison.Ordinal);
    }

    [Fact]
    public void Priority_router_id_interval_and_nopreempt_follow_their_variables()
    {
        var config = ConfigText("lb2", Vars(("keepalived_priority", 250), ("keepalived_router_id", 7), ("keepalived_advert_int", 2), ("keepalived_preempt", false)));

        Assert.Contains("vrrp_instance VI_7 {\n  state BACKUP\n  interface eth1\n  virtual_router_id 7\n  priority 250\n  advert_int 2\n  nopreempt\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_preempt_even_the_first_host_starts_as_backup()
    {
        var config = ConfigText("lb1", Vars(("keepalived_preempt", false)));

        Assert.Contains("  state BACKUP\n", config, StringComparison.Ordinal);
        Assert.Contains("  nopreempt\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_group_sets_who_shares_the_address_and_the_order_of_priorities()
    {
        var inventory = new InventoryView(
            [Lb("lb1", "10.0.0.1"), Lb("lb2", "10.0.0.2"), Lb("lb3", "10.0.0.3")],
            new Dictionary<string, IReadOnlyList<string>> { ["lb"] = ["lb1", "lb2", "lb3"], ["vrrp"] = ["lb2", "lb3"] });

        var inLb = ConfigText("lb2", Vars(("keepalived_unicast", true)), inventory);
        var inVrrp = ConfigText("lb2", Vars(("keepalived_group", "vrrp"), ("keepalived_unicast", true)), inventory);

        Assert.Contains("  state BACKUP\n", inLb, StringComparison.Ordinal);
        Assert.Contains("  priority 190\n", inLb, StringComparison.Ordinal);
        Assert.Contains("  state MASTER\n", inVrrp, StringComparison.Ordinal);
        Assert.Contains("  priority 200\n", inVrrp, StringComparison.Ordinal);
        Assert.Contains("  unicast_peer {\n    10.0.0.3\n  }\n", inVrrp, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_is_written_only_into_the_private_file_and_never_shows()
    {
        var builder = Build(variables: Vars(("keepalived_auth_pass", new SecretValue("env:VRRP", "s3cr3t8x"))));

        Assert.Contains("  authentication {\n    auth_type PASS\n    auth_pass s3cr3t8x\n  }\n", builder.File(Config).Text(), StringComparison.Ordinal);
        Assert.Equal("600", builder.File(Config).Mode);
        Assert.DoesNotContain("authentication", ConfigText(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipv6_virtual_address_is_written_with_its_prefix()
    {
        var config = ConfigText(variables: Vars(("keepalived_vip", "2001:db8::100/64")), inventory: new InventoryView([Lb("lb1", "2001:db8::1")]));

        Assert.Contains("    2001:db8::100/64 dev eth1\n", config, StringComparison.Ordinal);
    }
}
