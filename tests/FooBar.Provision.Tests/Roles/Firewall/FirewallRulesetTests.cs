using FooBar.Provision.Inventory;
using FooBar.Provision.Testing;
using static FooBar.Provision.Tests.Roles.Firewall.FirewallFixture;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary>What the firewall role renders: SSH first, then each allow entry's ports to its sources (any, networks, inventory groups and hosts), VRRP.</summary>
public sealed class FirewallRulesetTests
{
    [Fact]
    public void The_defaults_accept_ssh_from_anywhere_and_drop_the_rest_in_a_table_of_their_own()
    {
        var ruleset = For().Harness.Ruleset();

        Assert.Contains("table inet foobar {}\ndelete table inet foobar\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("type filter hook input priority filter; policy drop;", ruleset, StringComparison.Ordinal);
        Assert.Contains("ct state established,related accept\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("iif \"lo\" accept\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\ttcp dport 22 accept comment \"firewall_ssh_from\"\n", ruleset, StringComparison.Ordinal);
        Assert.Matches("comment \"foobar:[0-9a-f]{16}\"", ruleset);
        Assert.DoesNotContain("flush ruleset", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_becomes_the_addresses_of_its_hosts_in_inventory_order()
    {
        var (harness, _) = For();
        harness.WithVariable("firewall_allow", List(Allow(3306L, "web")));

        Assert.Contains("\t\tip saddr { 192.0.2.21, 192.0.2.22 } tcp dport 3306 accept comment \"firewall_allow[0]\"\n", harness.Ruleset(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_hosts_of_both_families_gets_a_rule_per_family()
    {
        var (harness, _) = For("web1", "192.0.2.250 50022 192.0.2.21 22");
        harness.WithVariable("firewall_allow", List(Allow(List(80L, 443L), "db", "lb1")));

        var ruleset = harness.Ruleset();

        Assert.Contains("\t\tip saddr { 192.0.2.31, 192.0.2.11 } tcp dport { 80, 443 } accept comment \"firewall_allow[0]\"\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\tip6 saddr 2001:db8::32 tcp dport { 80, 443 } accept comment \"firewall_allow[0]\"\n", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void Networks_any_udp_and_nested_networks_render_as_nft_reads_them()
    {
        var (harness, _) = For();
        harness.WithVariable("firewall_ssh_from", List("192.0.2.0/24", "192.0.2.250", "10.0.0.0/8"))
            .WithVariable("firewall_allow", List(
                Allow(80L),
                new Dictionary<string, object?> { ["port"] = 53L, ["proto"] = "udp", ["from"] = List("2001:db8::/32", "10.1.0.0/16") },
                Allow(9100L, "10.0.0.0/8", "any")));

        var ruleset = harness.Ruleset();

        Assert.Contains("\t\tip saddr { 192.0.2.0/24, 10.0.0.0/8 } tcp dport 22 accept comment \"firewall_ssh_from\"\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\ttcp dport 80 accept comment \"firewall_allow[0]\"\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\tip saddr 10.1.0.0/16 udp dport 53 accept comment \"firewall_allow[1]\"\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\tip6 saddr 2001:db8::/32 udp dport 53 accept comment \"firewall_allow[1]\"\n", ruleset, StringComparison.Ordinal);
        Assert.Contains("\t\ttcp dport 9100 accept comment \"firewall_allow[2]\"\n", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void Vrrp_is_accepted_from_the_peers_listed_and_from_no_one_by_default()
    {
        var (harness, _) = For("lb1", "192.0.2.250 50022 192.0.2.11 22");
        Assert.DoesNotContain("112", harness.Ruleset(), StringComparison.Ordinal);

        harness.WithVariable("firewall_vrrp_from", List("10.99.200.0/24", "lb"));
        var ruleset = harness.Ruleset();

        Assert.Contains("\t\tip saddr { 10.99.200.0/24, 192.0.2.11, 192.0.2.12 } ip protocol 112 accept comment \"firewall_vrrp_from\"\n", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_without_hosts_accepts_no_one_and_says_so()
    {
        var (harness, _) = For();
        harness.WithVariable("firewall_allow", List(Allow(3306L, "empty")));

        var ruleset = harness.Ruleset();

        Assert.DoesNotContain("3306", ruleset, StringComparison.Ordinal);
        Assert.Contains("# firewall_allow[0]: no source address", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_ssh_port_is_the_one_opened()
    {
        var (harness, _) = For(sshConnection: "192.0.2.250 50022 192.0.2.31 2222");
        harness.WithVariable("firewall_ssh_port", 2222L);

        Assert.Contains("\t\ttcp dport 2222 accept comment \"firewall_ssh_from\"\n", harness.Ruleset(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ruleset_is_persisted_by_a_unit_of_its_own_and_loaded_again_after_every_start_or_reload_of_nftables_service()
    {
        var declared = For().Harness.Build();

        Assert.Equal(["packages[nftables]", "directory[/etc/foobar]", "nftables[inet foobar]", "file[/etc/systemd/system/foobar-firewall.service]", "directory[/etc/systemd/system/nftables.service.d]", "file[/etc/systemd/system/nftables.service.d/foobar-firewall.conf]", "service[foobar-firewall]"], declared.Ids());
        var unit = declared.File("/etc/systemd/system/foobar-firewall.service").Text();
        Assert.Contains("ExecStart=/usr/sbin/nft -f /etc/foobar/firewall.nft\n", unit, StringComparison.Ordinal);
        Assert.Contains("After=nftables.service\n", unit, StringComparison.Ordinal);
        Assert.Contains("WantedBy=sysinit.target\n", unit, StringComparison.Ordinal);
        var dropIn = declared.File("/etc/systemd/system/nftables.service.d/foobar-firewall.conf").Text();
        Assert.Contains("ExecStartPost=-/usr/sbin/nft -f /etc/foobar/firewall.nft\nExecReload=-/usr/sbin/nft -f /etc/foobar/firewall.nft\n", dropIn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_without_systemd_is_refused_with_a_reason()
    {
        var (harness, _) = For();
        harness.WithFacts(FooBar.Provision.Facts.HostFacts.Debian12 with { InitSystem = "sysvinit" });

        var error = Assert.Throws<ProvisionException>(() => harness.Build());

        Assert.Contains("needs systemd", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("firewall_ssh_port", 0L, "firewall_ssh_port")]
    [InlineData("firewall_ssh_from", "10.0.0.1/8", "did you mean 10.0.0.0/8")]
    [InlineData("firewall_ssh_from", "10.0.0.0/33", "prefix length must be 0 to 32")]
    [InlineData("firewall_ssh_from", "300.1.2.3", "not an IP address")]
    [InlineData("firewall_ssh_from", "web;drop", "neither an address nor a name")]
    [InlineData("firewall_vrrp_from", "nosuchgroup", "no group or host of the inventory")]
    public void A_bad_value_is_refused_before_the_host_is_contacted(string name, object value, string expected)
    {
        var (harness, _) = For();
        harness.WithVariable(name, value);

        var error = Assert.Throws<InventoryException>(() => harness.Build());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Host.Sent);
    }

    [Theory]
    [InlineData("port", 70000L, "firewall_allow[0].port[0]")]
    [InlineData("proto", "icmp", "firewall_allow[0].proto")]
    [InlineData("ports", 80L, "did you mean 'port'")]
    [InlineData("from", "db9", "firewall_allow[0].from[0]")]
    public void A_bad_allow_entry_is_refused_with_its_path(string key, object value, string expected)
    {
        var (harness, _) = For();
        var entry = Allow(80L);
        entry[key] = value;
        harness.WithVariable("firewall_allow", List(entry));

        var error = Assert.Throws<InventoryException>(() => harness.Build());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_whose_address_is_a_name_cannot_be_a_source()
    {
        var fake = new FooBar.Provision.Testing.FakeHost("db1");
        var inventory = new InventoryView([new HostEntry("web1", "web1.example.com") { Groups = ["web"] }, new HostEntry("db1", "192.0.2.31")]);
        var harness = new FooBar.Provision.Testing.RoleHarness(fake, new FooBar.Provision.Roles.Firewall.FirewallRole()).WithInventory(inventory)
            .WithVariable("firewall_allow", List(Allow(3306L, "web")));

        var error = Assert.Throws<InventoryException>(() => harness.Build());

        Assert.Contains("web1 has the address 'web1.example.com', which is not an IP address", error.Message, StringComparison.Ordinal);
    }
}
