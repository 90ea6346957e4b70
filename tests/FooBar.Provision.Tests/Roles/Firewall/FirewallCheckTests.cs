using FooBar.Provision.Tests.Cli;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary><c>provision check</c> on firewall variables: every bad value, and every name no group or host has, exits 3 before any host is contacted.</summary>
public sealed class FirewallCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_ha_shape_checks()
    {
        var inventory = CliInventories.Write(_directory, Inventory("[{ port: 3306, from: [web, db] }]"));

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("[{ port: 3306, from: [webs] }]", "firewall_allow[0].from[0]' names 'webs', which is no group or host of the inventory (its groups: db, lb, web)")]
    [InlineData("[{ port: 0 }]", "firewall_allow[0].port[0]")]
    [InlineData("[{ port: 80, proto: sctp }]", "firewall_allow[0].proto")]
    [InlineData("[{ port: 80, from: 10.0.0.1/8 }]", "did you mean 10.0.0.0/8?")]
    [InlineData("[{ from: web }]", "firewall_allow[0].port")]
    public async Task A_bad_value_exits_3_naming_the_value_and_contacts_no_host(string allow, string expected)
    {
        var inventory = CliInventories.Write(_directory, Inventory(allow));

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("inventory.yaml:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    private static string Inventory(string allow) => $$"""
        groups:
          web:
            hosts: [web1]
            roles: [firewall]
            vars:
              firewall_allow: [{ port: 80, from: lb }]
          db:
            hosts: [db1]
            roles: [firewall]
            vars:
              firewall_allow: {{allow}}
          lb:
            hosts: [lb1]
            roles: [firewall]
        hosts:
          web1: { address: 192.0.2.21 }
          db1: { address: 192.0.2.31 }
          lb1: { address: 192.0.2.11 }
        """;
}
