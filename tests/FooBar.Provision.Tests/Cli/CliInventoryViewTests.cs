using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Tests.Planning;

namespace FooBar.Provision.Tests.Cli;

/// <summary>check, plan and apply give the roles the whole inventory, whatever --limit or --slice selected.</summary>
public sealed class CliInventoryViewTests : IDisposable
{
    private const string Inventory = """
        hosts:
          lb1:
            address: 192.0.2.11
            roles: [peers]
          web1: { address: 192.0.2.21 }
          web2: { address: 192.0.2.22 }
        groups:
          web: { hosts: [web1, web2] }
        """;

    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task A_role_with_an_empty_peer_group_exits_3_naming_the_file_the_host_and_the_variable(string verb)
    {
        var inventory = _directory.Write("ha.yaml", Inventory.Replace("web: { hosts: [web1, web2] }", "web: { hosts: [] }", StringComparison.Ordinal));

        var result = await CliHarness.RunWithRolesAsync(_hosts, [new PeersRole()], verb, inventory, "--limit", "lb1");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.True(result.Stderr.Contains("ha.yaml:2:3: host 'lb1': variable 'peers_group' names group 'web', which has no hosts in the inventory", StringComparison.Ordinal), result.ToString());
        Assert.Contains("hint: for example: peers_group: web", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no host was contacted", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Check_limited_to_one_host_counts_the_hosts_it_did_not_select()
    {
        var inventory = _directory.Write("ha.yaml", Inventory);

        var result = await CliHarness.RunWithRolesAsync(_hosts, [new PeersRole()], "check", inventory, "--limit", "lb1");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_plan_limited_to_one_host_renders_the_hosts_it_did_not_select()
    {
        var inventory = _directory.Write("ha.yaml", Inventory);

        var result = await CliHarness.RunWithRolesAsync(_hosts, [new PeersRole()], "plan", inventory, "--limit", "lb1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("+web1 192.0.2.21", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+web2 192.0.2.22", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["lb1"], _hosts.Opened.Select(h => h.Name));
    }
}
