using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Cli;

/// <summary><c>provision check</c> reads the ssh config (a temporary one, never the real ~/.ssh/config) for hosts of the SSH.NET transport.</summary>
public sealed class CliSshConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Check_applies_HostName_User_and_Port_from_the_ssh_config_to_an_sshnet_host()
    {
        var config = Write("ssh_config", "Host web\n  HostName 192.0.2.50\n  User deploy\n  Port 2222\n");
        var inventory = CliInventories.Write(_directory, "transport: sshnet\nhosts:\n  www:\n    address: web\n");

        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment(config), "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deploy@192.0.2.50:2222", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_refuses_a_keyword_the_sshnet_transport_does_not_read_with_file_line_and_exit_3()
    {
        var config = Write("ssh_config", "Host *\n  ServerAliveInterval 30\nHost web\n  ProxyCommand nc %h %p\n");
        var inventory = CliInventories.Write(_directory, "transport: sshnet\nhosts:\n  www:\n    address: web\n");

        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment(config), "check", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{config}:4:1: host 'www': ssh config keyword 'ProxyCommand' is not supported by the sshnet transport", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: use `transport: openssh` for this host, or remove it", result.Stderr, StringComparison.Ordinal);
        _hosts.Factory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_sshnet_reader_leaves_openssh_hosts_to_ssh_itself_and_the_inventory_wins()
    {
        var config = Write("ssh_config", "Host web\n  ProxyCommand nc %h %p\nHost db\n  User fromconfig\n  Port 2222\n");
        var inventory = CliInventories.Write(_directory, "hosts:\n  www: { address: web, transport: openssh }\n  db: { address: db, transport: sshnet, user: admin, port: 22 }\n");

        var result = await CliHarness.RunAsync(_hosts.Factory.Object, Environment(config), "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("admin@db:22", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("facts")]
    public async Task A_verb_that_connects_refuses_an_openssh_host_ssh_would_send_to_a_public_resolver_and_contacts_none(string verb)
    {
        var inventory = CliInventories.Write(_directory, "hosts:\n  www: { address: web, transport: openssh }\n  db: { address: 10.0.0.5 }\n");
        var check = new OpenSshConfigCheck(new OpenSshOptions(), (_, arguments, _, _) => Task.FromResult(new CommandResult(0, "user root\nhostname 8.8.4.4\nport 22\n", "")));

        var result = await CliHarness.RunWithServicesAsync(_hosts, services => services with { SshConfigCheck = check }, verb, inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{inventory}:2:3: host 'www' (transport: openssh): ssh's configuration gives it the HostName 8.8.4.4, which is a public DNS resolver (Google Public DNS), not a server of yours; '{verb}' refuses to connect to it", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no host was contacted", result.Stderr, StringComparison.Ordinal);
        _hosts.Factory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_refusal_of_ssh_G_stops_every_verb_before_any_host_is_opened()
    {
        var inventory = CliInventories.Write(_directory, "hosts:\n  www: { address: web, transport: openssh }\n  db: { address: 10.0.0.5 }\n");
        var check = new OpenSshConfigCheck(new OpenSshOptions(), (_, _, _, _) => Task.FromResult(new CommandResult(255, "", "/cfg: line 3: Bad configuration option: bogus\n")));

        var result = await CliHarness.RunWithServicesAsync(_hosts, services => services with { SshConfigCheck = check }, "apply", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{inventory}:2:3: host 'www' (transport: openssh): ssh refuses its configuration for this host: /cfg: line 3: Bad configuration option: bogus", result.Stderr, StringComparison.Ordinal);
        _hosts.Factory.VerifyNoOtherCalls();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Func<string, string?> Environment(string config) => name => name switch
    {
        "FOOBAR_SSH_CONFIG" => config,
        "HOME" => _directory.Path,
        _ => null,
    };
}
