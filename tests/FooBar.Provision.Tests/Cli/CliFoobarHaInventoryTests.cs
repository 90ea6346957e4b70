using System.Net;
using System.Text.Json;
using Moq;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// <c>inventory/foobar-ha.yaml</c>, the seed site on two load balancers, two web servers and a primary/replica database
/// pair at documentation addresses (192.0.2.0/24): <c>check</c> passes on it, and a plan through mocked SSH reaches every
/// host of it, sends only read-only commands and shows changes on each. Nothing real is ever contacted.
/// </summary>
public sealed class CliFoobarHaInventoryTests
{
    private static readonly string[] Hosts = ["lb1", "lb2", "web1", "web2", "db1", "db2"];
    private static readonly string[] Secrets = ["FOOBAR_DB_PASSWORD", "FOOBAR_REPLICATION_PASSWORD"];
    // Every probe finds nothing, except the firewall's: sshd's $SSH_CONNECTION says the controller (192.0.2.1, the
    // address firewall_ssh_from allows) connects to port 22, as it would over a real connection.
    private readonly MockHosts _hosts = new(answerProbe: (host, probe) =>
        probe.Contains("SSH_CONNECTION", StringComparison.Ordinal) ? $"ssh 192.0.2.1 50022 {host.Address} 22\nfile absent\nlive absent" : "absent");

    [Fact]
    public async Task Check_on_the_ha_inventory_exits_0_lists_the_six_hosts_and_contacts_nothing()
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment, "check", Inventory());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("inventory OK: 6 hosts, 3 groups", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("roles: firewall, haproxy, keepalived  groups: lb", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("roles: firewall, app-files, app-server, nginx  groups: web", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("roles: firewall, mysql  groups: db", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Check_without_the_secrets_in_the_environment_exits_3_and_names_them()
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, _ => null, "check", Inventory());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("FOOBAR_DB_PASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Plan_through_mocked_ssh_reaches_the_six_documentation_addresses_and_writes_nothing()
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment, "plan", Inventory(), "--output", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Hosts.Order(StringComparer.Ordinal), _hosts.Opened.Select(h => h.Name).Order(StringComparer.Ordinal));
        var documentation = IPNetwork.Parse("192.0.2.0/24");
        Assert.All(_hosts.Opened, h => Assert.True(documentation.Contains(IPAddress.Parse(h.Address)), $"{h.Name} at {h.Address}"));
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly, c.Command.Script));
        Assert.All(_hosts.Connections, c => c.Verify(x => x.WriteFileAsync(It.IsAny<FooBar.Provision.Transport.RemoteFile>(), It.IsAny<CancellationToken>()), Times.Never));
        using var report = JsonDocument.Parse(result.Stdout);
        var pending = report.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(
            h => h.GetProperty("host").GetString() ?? "",
            h => h.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "pending").Select(r => r.GetProperty("id").GetString() ?? "").ToArray());
        Assert.All(Hosts, h => Assert.NotEmpty(pending[h]));
        Assert.Contains(pending["lb1"], id => id.Contains("haproxy", StringComparison.Ordinal));
        Assert.Contains(pending["lb2"], id => id.Contains("keepalived", StringComparison.Ordinal));
        Assert.Contains(pending["web1"], id => id.Contains("nginx", StringComparison.Ordinal));
        Assert.Contains(pending["db2"], id => id.Contains("mariadb", StringComparison.Ordinal));
        Assert.All(Hosts, h => Assert.Contains(pending[h], id => id.Contains("nftables", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_firewall_that_would_not_let_the_controller_in_fails_the_plan_of_every_host_before_anything_is_written()
    {
        var hosts = new MockHosts(answerProbe: (host, probe) =>
            probe.Contains("SSH_CONNECTION", StringComparison.Ordinal) ? $"ssh 192.0.2.99 50022 {host.Address} 22\nfile absent\nlive absent" : "absent");

        var result = await CliHarness.RunAsync(hosts.Factory.Object, Environment, "plan", Inventory());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the host sees the controller as 192.0.2.99", result.Stdout, StringComparison.Ordinal);
        Assert.All(hosts.Commands, c => Assert.True(c.Command.IsReadOnly, c.Command.Script));
    }

    [Fact]
    public async Task The_secrets_never_appear_in_the_plan()
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment, "plan", Inventory());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain(Secret("FOOBAR_DB_PASSWORD"), result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret("FOOBAR_REPLICATION_PASSWORD"), result.ToString(), StringComparison.Ordinal);
    }

    // Each secret of the inventory reads as a value of its own; any other variable of the environment is unset.
    private static string? Environment(string name) => Secrets.Contains(name) ? Secret(name) : null;

    private static string Secret(string name) => $"value-of-{name}-4711";

    private static string Inventory() => Path.Combine(Path.GetDirectoryName(CliFoobarInventoryTests.FoobarInventory()) ?? ".", "foobar-ha.yaml");
}
