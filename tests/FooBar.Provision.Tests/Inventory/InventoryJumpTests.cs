using FooBar.Provision.Inventory;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

/// <summary>The <c>jump:</c> key at host, group and inventory level (ProxyJump for the SSH.NET transport).</summary>
public sealed class InventoryJumpTests
{
    [Fact]
    public void A_host_reads_a_list_of_hops_in_order()
    {
        var host = Parse("""
            hosts:
              www:
                address: 10.0.0.5
                jump: [bastion.example.com, "admin@192.0.2.1:2222", "[2001:db8::1]:22"]
            """).Hosts[0];

        Assert.Equal([new JumpHost("bastion.example.com"), new JumpHost("192.0.2.1", 2222, "admin"), new JumpHost("2001:db8::1")], host.Jump);
        Assert.True(host.JumpGiven);
    }

    [Fact]
    public void One_string_with_commas_is_read_as_ProxyJump_reads_it()
    {
        var host = Parse("""
            hosts:
              www: { address: 10.0.0.5, jump: "first.example.com,second.example.com:2200" }
            """).Hosts[0];

        Assert.Equal([new JumpHost("first.example.com"), new JumpHost("second.example.com", 2200)], host.Jump);
    }

    [Fact]
    public void The_host_wins_over_its_last_group_which_wins_over_the_inventory_and_none_turns_it_off()
    {
        var model = Parse("""
            jump: inventory-bastion
            groups:
              a: { hosts: [one, two, three], jump: group-a }
              b: { hosts: [two], jump: group-b }
            hosts:
              one: { address: 10.0.0.1 }
              two: { address: 10.0.0.2 }
              three: { address: 10.0.0.3, jump: none }
              four: { address: 10.0.0.4 }
            """);

        Assert.Equal(["group-a", "group-b", "", "inventory-bastion"], model.Hosts.Select(h => h.Jump.FirstOrDefault()?.Address ?? ""));
        Assert.True(model.Hosts[2].JumpGiven);
    }

    [Fact]
    public void Without_jump_a_host_connects_directly()
    {
        var host = Parse("hosts:\n  www: { address: 10.0.0.5 }\n").Hosts[0];

        Assert.Empty(host.Jump);
        Assert.False(host.JumpGiven);
    }

    [Theory]
    [InlineData("jump: [\"bad host\"]", "jump host 'bad host' of host 'www' has a host that")]
    [InlineData("jump: [\"bastion:70000\"]", "jump host 'bastion:70000' of host 'www' has a port that is not a number from 1 to 65535")]
    [InlineData("jump: [\"-oProxyCommand=touch\"]", "jump host '-oProxyCommand=touch' of host 'www' has a host that")]
    [InlineData("jump: { host: x }", "the jump: of host 'www' must be a list of hosts or one text")]
    [InlineData("jump: [[a]]", "a jump host must be a text")]
    [InlineData("jump: \"a,,b\"", "jump host '' of host 'www' is empty")]
    public void A_bad_hop_is_an_error_at_its_place(string jump, string message)
    {
        var e = Fails($"hosts:\n  www:\n    address: 10.0.0.5\n    {jump}\n");

        var error = Assert.Single(e.Errors);
        Assert.Equal(4, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("[user@]host[:port]", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_eight_hops_are_refused()
    {
        var e = Fails("hosts:\n  www:\n    address: 10.0.0.5\n    jump: \"a,b,c,d,e,f,g,h,i\"\n");

        Assert.Contains("has 9 hops, more than 8", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hop_aimed_at_a_public_resolver_is_a_problem_like_a_host()
    {
        var host = Parse("hosts:\n  www:\n    address: 10.0.0.5\n    jump: [\"admin@8.8.8.8\"]\n").Hosts[0];

        var problem = Assert.Single(PublicResolvers.Problems(host, "'plan' refuses to connect to it"));

        Assert.Contains("host 'www' has the jump host admin@8.8.8.8, which is a public DNS resolver (Google Public DNS)", problem.Message, StringComparison.Ordinal);
    }
}
