using System.Runtime.Versioning;
using System.Text;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Become both ways: <c>sudo -n</c> when sudo needs no password, <c>sudo -S</c> with the password on stdin when it does.</summary>
public abstract class BecomeContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    [Fact]
    public async Task Become_runs_the_script_as_root_through_sudo()
    {
        var connection = Open(Host.Root with { Become = true });

        var result = await connection.RunAsync(new RemoteCommand($"id -u; ps -o comm= -p $PPID"));

        Assert.Equal("0\nsudo\n", result.StandardOutput);
    }

    [Fact]
    public async Task Become_passes_standard_input_to_the_script()
    {
        var connection = Open(Host.Root with { Become = true });

        var result = await connection.RunAsync(new RemoteCommand($"cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal("input\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_become_password_never_reaches_the_script_when_sudo_asks_for_none()
    {
        var connection = Open(Host.Root with { Become = true, BecomePassword = new SecretValue("test", Host.Password) });

        var result = await connection.RunAsync(new RemoteCommand($"id -u; cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal("0\ninput\n", result.StandardOutput);
    }

    [Fact]
    public async Task Become_writes_files_as_root()
    {
        var connection = Open(Host.Root with { Become = true, BecomePassword = new SecretValue("test", Host.Password) });
        var path = Path.Combine(TemporaryDirectory("fbssh-become-"), "file");

        await connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("content\n"), "0644", "root", "root"));

        Assert.Equal("content\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_user_with_passwordless_sudo_becomes_root_with_sudo_n()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordlessSudoUser));

        var result = await connection.RunAsync(new RemoteCommand($"id -un; cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal(new CommandResult(0, "root\ninput\n", string.Empty), result);
    }

    [Fact]
    public async Task A_user_with_passwordless_sudo_and_a_become_password_keeps_the_password_out_of_the_script()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordlessSudoUser, Host.Password));

        var result = await connection.RunAsync(new RemoteCommand($"id -un; cat").WithStandardInput(Encoding.UTF8.GetBytes("input\n")));

        Assert.Equal(new CommandResult(0, "root\ninput\n", string.Empty), result);
    }

    [Fact]
    public async Task A_user_whose_sudo_asks_for_a_password_becomes_root_with_the_password_on_stdin()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordSudoUser, Host.Password));

        var result = await connection.RunAsync(new RemoteCommand($"id -un; cat").WithStandardInput(Encoding.UTF8.GetBytes("first line\nsecond\n")));

        Assert.Equal(new CommandResult(0, "root\nfirst line\nsecond\n", string.Empty), result);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_file_written_with_a_sudo_password_holds_exactly_its_content()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordSudoUser, Host.Password));
        var directory = TemporaryDirectory("fbssh-become-");
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // only root may write here
        var path = Path.Combine(directory, "secret.conf");
        var content = Encoding.UTF8.GetBytes("key = value\n");

        await connection.WriteFileAsync(new RemoteFile(path, content, "0600", "root", "root"));

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task The_sudo_password_never_appears_in_the_host_process_list()
    {
        var connection = Open(Host.BecomeAs(Host.PasswordSudoUser, Host.Password));
        var command = connection.RunAsync(new RemoteCommand($"sleep 2; id -un"));
        var secret = Host.Password.Split(' ')[1]; // its random part, however the rest might be quoted
        var seen = new List<string>();
        var looks = 0;
        while (!command.IsCompleted)
        {
            // Every process of the machine (the host is this machine), as ps -eo args would show it, looked at every few ms.
            seen.AddRange(HostProcesses.CommandLines().Where(p => p.CommandLine.Contains(secret, StringComparison.Ordinal)).Select(p => p.CommandLine));
            looks++;
            await Task.Delay(5);
        }

        var result = await command;

        Assert.Equal("root\n", result.StandardOutput);
        Assert.True(looks >= 3, $"only {looks} looks at the process list while the command ran");
        Assert.Empty(seen);
    }
}
