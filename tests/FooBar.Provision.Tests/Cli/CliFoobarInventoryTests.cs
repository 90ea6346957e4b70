using FooBar.Provision.Cli;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// <c>inventory/foobar.yaml</c> aims www.foobar.com at 8.8.8.8, Google's public DNS resolver: <c>check</c> warns, and every
/// verb that connects refuses with exit 3 before any connection (proved with a recording factory and a fake <c>ssh</c>).
/// </summary>
public sealed class CliFoobarInventoryTests : IDisposable
{
    // Every environment variable reads as this value, so any { env: NAME } secret of the inventory resolves; but
    // FOOBAR_SSH_CONFIG reads as none (no ssh config), since a config it names must exist.
    private const string TestSecret = "test-secret-value-4711";
    private readonly MockHosts _hosts = new();
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string? Secrets(string name) => name == FooBar.Provision.Transport.SshNet.Config.SshConfig.PathVariable ? "none" : TestSecret;

    [Theory]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("facts")]
    [InlineData("verify")]
    [InlineData("rollback")]
    [InlineData("run", "--", "uptime")]
    public async Task A_verb_that_connects_refuses_the_foobar_inventory_with_exit_3_and_opens_nothing(string verb, params string[] rest)
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Secrets, [verb, FoobarInventory(), .. rest]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("has the address 8.8.8.8, which is a public DNS resolver (Google Public DNS), not a server of yours", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'{verb}' refuses to connect to it", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("inventory/lab.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
        Assert.Empty(_hosts.Commands);
    }

    [Fact]
    public async Task Plan_on_the_foobar_inventory_starts_no_ssh_process()
    {
        var record = Path.Combine(_directory.Path, "ssh-invocations");
        var fakeSsh = _directory.Write("bin/ssh", $"#!/bin/sh\necho \"$@\" >> '{record}'\nexit 255\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fakeSsh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(
            () => new OpenSshConnectionFactory(new OpenSshOptions { SshExecutable = fakeSsh }),
            Secrets,
            BuiltInRoles.Catalog,
            () => false);

        var exit = await CliApp.RunAsync(["plan", FoobarInventory()], stdout, stderr, services);

        Assert.True(exit == 3, stderr.ToString());
        Assert.False(File.Exists(record), "ssh was started");
    }

    [Fact]
    public async Task Check_on_the_foobar_inventory_exits_0_and_warns_about_the_public_resolver()
    {
        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Secrets, "check", FoobarInventory());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: host 'www' has the address 8.8.8.8", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan, apply, facts, verify, rollback and run will refuse to connect to it", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("0x8.8.8.8", "Google Public DNS")]
    [InlineData("::ffff:1.1.1.1", "Cloudflare DNS")]
    [InlineData("2606:4700:4700:0:0:0:0:1111", "Cloudflare DNS")]
    [InlineData("2620:fe::fe", "Quad9 DNS")]
    [InlineData("149.112.112.112", "Quad9 DNS")]
    public async Task Any_spelling_of_a_public_resolver_is_refused_before_connecting(string address, string owner)
    {
        var inventory = _directory.Write("inventory.yaml", $"hosts:\n  ok: {{ address: 192.0.2.10 }}\n  www:\n    address: \"{address}\"\n");

        var result = await CliHarness.RunAsync(_hosts, "facts", inventory);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"inventory.yaml:3:3: host 'www' has the address {address}, which is a public DNS resolver ({owner})", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Limit_to_other_hosts_runs_and_the_json_refusal_is_a_document()
    {
        var inventory = _directory.Write("inventory.yaml", "hosts:\n  ok: { address: 192.0.2.10 }\n  www: { address: 8.8.4.4 }\n");

        var limited = await CliHarness.RunAsync(_hosts, "facts", inventory, "--limit", "ok");
        var refused = await CliHarness.RunAsync(new MockHosts(), "facts", inventory, "-o", "json");

        Assert.True(limited.ExitCode == 0, limited.ToString());
        Assert.Equal(["ok"], _hosts.Opened.Select(h => h.Name));
        Assert.Equal(3, refused.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(refused.Stdout);
        Assert.Contains("8.8.4.4", document.RootElement.ToString(), StringComparison.Ordinal);
    }

    // The repository's inventory/foobar.yaml itself.
    internal static string FoobarInventory() => Path.Combine(Repository.Root(), "inventory", "foobar.yaml");
}
