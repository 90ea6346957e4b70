using FooBar.Provision.Tests.Inventory;

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
