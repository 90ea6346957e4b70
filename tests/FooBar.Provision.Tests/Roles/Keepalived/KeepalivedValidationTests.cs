using FooBar.Provision.Inventory;
using FooBar.Provision.Roles.Keepalived;
using FooBar.Provision.Testing;
using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Roles.Keepalived.KeepalivedFixture;

namespace FooBar.Provision.Tests.Roles.Keepalived;

/// <summary>What the keepalived role refuses before any connection, with what it says; and its converge on the fake host.</summary>
public sealed class KeepalivedValidationTests
{
    [Fact]
    public void The_virtual_ip_is_required()
    {
        Assert.Equal(["keepalived_vip"], new KeepalivedRole().RequiredVariables);
    }

    [Theory]
    [InlineData("keepalived_vip", "10.99.200.100", "without a prefix length")]
    [InlineData("keepalived_vip", "10.99.200.300/24", "is not an IP address")]
    [InlineData("keepalived_vip", "10.99.200.100/33", "the prefix length must be 1 to 32")]
    [InlineData("keepalived_vip", "10.99.200.100/0", "the prefix length must be 1 to 32")]
    [InlineData("keepalived_vip", "2001:db8::1/129", "the prefix length must be 1 to 128")]
    [InlineData("keepalived_vip", "vip.example.com/24", "is not an IP address")]
    [InlineData("keepalived_vip", "10.99.200.100/24 dev eth0", "the prefix length must be")]
    [InlineData("keepalived_vip", "127.0.0.100/8", "127.0.0.100 is a loopback address, not an address a host can hold")]
    [InlineData("keepalived_vip", "::1/128", "::1 is a loopback address")]
    [InlineData("keepalived_vip", "0.0.0.0/24", "0.0.0.0 is the unspecified address")]
    [InlineData("keepalived_vip", "::/64", ":: is the unspecified address")]
    [InlineData("keepalived_vip", "224.0.0.18/24", "224.0.0.18 is a multicast address")]
    [InlineData("keepalived_vip", "ff02::12/64", "ff02::12 is a multicast address")]
    [InlineData("keepalived_vip", "255.255.255.255/24", "255.255.255.255 is the broadcast address")]
    [InlineData("keepalived_vip", "240.0.0.1/24", "240.0.0.1 is a reserved address")]
    [InlineData("keepalived_vip", "10.99.200.0/24", "10.99.200.0 is the network address of /24")]
    [InlineData("keepalived_vip", "10.99.200.255/24", "10.99.200.255 is the broadcast address of /24")]
    [InlineData("keepalived_vip", "10.99.200.127/25", "10.99.200.127 is the broadcast address of /25")]
    [InlineData("keepalived_router_id", "0", "outside 1 to 255")]
    [InlineData("keepalived_router_id", "256", "outside 1 to 255")]
    [InlineData("keepalived_priority", "255", "outside 1 to 254")]
    [InlineData("keepalived_interface", "eth1 eth2", "is 'eth1 eth2'")]
    [InlineData("keepalived_interface", "averyveryverylongname0", "is 'averyveryverylongname0'")]
    [InlineData("keepalived_interface", "eth0/1", "is 'eth0/1'")]
    [InlineData("keepalived_interface", "..", "is '..'")]
    [InlineData("keepalived_interface", "-eth0", "starts with '-'")]
    [InlineData("keepalived_address", "lb1.example.com", "is 'lb1.example.com'")]
    [InlineData("keepalived_track_service", "haproxy; reboot", "is 'haproxy; reboot'")]
    [InlineData("keepalived_advert_int", "0", "outside 1 to 255")]
    public void Invalid_values_are_refused_with_what_is_wrong(string name, string value, string says)
    {
        var message = Refusal(variables: Vars((name, value)));

        Assert.Contains($"variable '{name}' ", message, StringComparison.Ordinal);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_must_be_a_secret_of_at_most_8_safe_characters_and_is_never_shown()
    {
        var clear = Refusal(variables: Vars(("keepalived_auth_pass", "s3cret")));
        var tooLong = Refusal(variables: Vars(("keepalived_auth_pass", new SecretValue("env:X", "nine-char"))));
        var quote = Refusal(variables: Vars(("keepalived_auth_pass", new SecretValue("env:X", "a\"b"))));

        Assert.Contains("must be a secret", clear, StringComparison.Ordinal);
        Assert.Contains("at most 8", tooLong, StringComparison.Ordinal);
        Assert.Contains("not shown: it is a secret", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("nine-char", tooLong, StringComparison.Ordinal);
        Assert.DoesNotContain("a\"b", quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.99.200.100/32")]
    [InlineData("10.99.200.101/31")]
    [InlineData("10.99.200.100/24")]
    [InlineData("2001:db8::100/64")]
    public void A_virtual_ip_a_host_can_hold_is_taken(string vip)
    {
        var config = ConfigText(variables: Vars(("keepalived_vip", vip)), inventory: new InventoryView([Peer("lb1", "10.0.0.1", vip), Peer("lb2", "10.0.0.2", vip)]));

        Assert.Contains($"    {vip} dev eth1\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_virtual_ip_that_is_already_a_hosts_address_is_refused()
    {
        var inventoryAddress = Refusal(variables: Vars(("keepalived_vip", "10.99.12.2/24")), inventory: new InventoryView([Peer("lb1", "10.99.11.2", "10.99.12.2/24"), Peer("lb2", "10.99.12.2", "10.99.12.2/24")]));
        var segmentAddress = Refusal(host: "lb2", variables: Vars(("keepalived_vip", "10.99.200.11/24")), inventory: new InventoryView([Peer("lb1", "10.99.11.2", "10.99.200.11/24", "10.99.200.11"), Peer("lb2", "10.99.12.2", "10.99.200.11/24")]));

        Assert.Contains("variable 'keepalived_vip' is 10.99.12.2/24, but 10.99.12.2 is already the address of host 'lb2' of group 'lb': the backup would take that host's own address", inventoryAddress, StringComparison.Ordinal);
        Assert.Contains("variable 'keepalived_vip' is 10.99.200.11/24, but 10.99.200.11 is already the address of host 'lb1' of group 'lb'", segmentAddress, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_in_two_groups_must_name_the_one_that_shares_its_virtual_ip()
    {
        var both = new HostEntry("lb1", "10.99.11.2") { Groups = ["lb", "lbb"], Roles = ["keepalived"], Variables = new VariableSet(Group) };
        var inventory = new InventoryView([both, Lb("lb2", "10.99.12.2")]);

        var ambiguous = Refusal(inventory: inventory);
        var named = ConfigText(variables: Vars(("keepalived_group", "lb")), inventory: inventory);

        Assert.Contains("variable 'keepalived_group' is not set, and host 'lb1' is in groups lb, lbb: which of them shares its virtual IP is not clear", ambiguous, StringComparison.Ordinal);
        Assert.Contains("  priority 200\n", named, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_that_does_not_hold_the_host_is_refused()
    {
        var missing = Refusal(variables: Vars(("keepalived_group", "vrrp")));
        var other = Refusal(variables: Vars(("keepalived_group", "web")));

        Assert.Contains("names the group 'vrrp', which is not in the inventory", missing, StringComparison.Ordinal);
        Assert.Contains("this host's groups: lb", missing, StringComparison.Ordinal);
        Assert.Contains("names the group 'web', which does not hold host 'lb1'", other, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hosts_of_the_group_must_share_the_virtual_ip_and_router_id()
    {
        var vip = Refusal(variables: Vars(("keepalived_vip", "10.99.200.101/24")));
        var id = Refusal(inventory: new InventoryView([Lb("lb1", "10.0.0.1"), Lb("lb2", "10.0.0.2", ("keepalived_router_id", 52))]));

        Assert.Contains("variable 'keepalived_vip' is 10.99.200.101/24, but host 'lb2' of group 'lb' has 10.99.200.100/24", vip, StringComparison.Ordinal);
        Assert.Contains("variable 'keepalived_router_id' is 51, but host 'lb2' of group 'lb' has 52", id, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_hosts_of_the_group_with_one_priority_are_refused()
    {
        var message = Refusal(variables: Vars(("keepalived_priority", 190)));

        Assert.Contains("gives host 'lb1' the priority 190, as host 'lb2' of group 'lb' has", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_twenty_first_host_needs_a_priority_of_its_own()
    {
        var hosts = Enumerable.Range(1, 21).Select(i => Lb($"lb{i}", $"10.0.0.{i}")).ToArray();

        var message = Refusal("lb21", inventory: new InventoryView(hosts));
        var set = ConfigText("lb21", Vars(("keepalived_priority", 5)), new InventoryView(hosts));

        Assert.Contains("variable 'keepalived_priority' is not set, and host 'lb21' is number 21 of group 'lb'", message, StringComparison.Ordinal);
        Assert.Contains("  priority 5\n", set, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicast_needs_an_ip_address_of_the_virtual_ips_family_for_every_host_of_the_group()
    {
        var inventory = new InventoryView([Lb("lb1", "10.0.0.1"), Lb("lb2", "lb2.example.com")]);

        var message = Refusal(variables: Vars(("keepalived_unicast", true)), inventory: inventory);

        Assert.Contains("variable 'keepalived_unicast' is on, but host 'lb2' would be reached at 'lb2.example.com', not an IPv4 address like keepalived_vip", message, StringComparison.Ordinal);
        Assert.Contains("keepalived_address", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converges_then_changes_nothing_and_a_refused_configuration_is_put_back()
    {
        var harness = new RoleHarness(new FakeHost("lb1").WhenInstalled("keepalived", h => h.WithService("keepalived", running: false)), new KeepalivedRole()).WithInventory(HaInventory());

        var converged = await harness.ConvergeAsync();
        var before = harness.Host.File(Config).Text;
        harness.Host.FailOn("keepalived -t", 1, "(Line 12) Unknown keyword 'priorty'");
        var refused = await harness.WithVariable("keepalived_priority", 250).ApplyAsync();

        converged.FirstApply.AssertChanged("packages[keepalived]", "directory[/etc/keepalived]", $"file[{Config}]", "service[keepalived]");
        Assert.True(harness.Host.Service("keepalived").Running);
        refused.AssertFailed("Unknown keyword");
        Assert.Equal(before, harness.Host.File(Config).Text);
        Assert.Equal(0, harness.Host.Service("keepalived").Reloads);
    }

    [Fact]
    public async Task Provision_check_exits_3_naming_the_file_the_host_and_the_variable()
    {
        var result = await RoleCheck.RunAsync("""
            groups:
              lb:
                hosts: [lb1, lb2]
                roles: [keepalived]
                vars:
                  keepalived_vip: 10.99.200.100
            hosts:
              lb1:
                address: 192.0.2.11
              lb2:
                address: 192.0.2.12
            """);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"inventory\.yaml:6:\d+: host.*'lb1'.*variable 'keepalived_vip' is '10\.99\.200\.100', without a prefix length", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    // A host of group lb with its own virtual IP (the fixture's Lb gives every host the group's).
    private static HostEntry Peer(string name, string address, string vip, string? keepaliveAddress = null)
    {
        var variables = new Dictionary<string, object?> { ["keepalived_vip"] = vip, ["keepalived_interface"] = "eth1" };
        if (keepaliveAddress is not null)
        {
            variables["keepalived_address"] = keepaliveAddress;
        }

        return new HostEntry(name, address) { Groups = ["lb"], Roles = ["keepalived"], Variables = new VariableSet(variables) };
    }
}
