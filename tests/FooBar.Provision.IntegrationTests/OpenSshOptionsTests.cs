using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

/// <summary>What only the OpenSSH transport has: its options (the ssh executable, the command log). The rest is in Contract/.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshOptionsTests(LoopbackSshd sshd)
{
    [Fact]
    public async Task Each_script_is_passed_to_the_command_log_before_it_is_sent()
    {
        var logged = new List<string>();
        await using var factory = new OpenSshConnectionFactory(new OpenSshOptions { CommandLog = logged.Add });
        var connection = factory.Open(sshd.Host);
        var directory = Directory.CreateTempSubdirectory("fbssh-log-").FullName;

        await connection.RunAsync(new RemoteCommand($"echo one"));
        await connection.WriteFileAsync(new RemoteFile(Path.Combine(directory, "file"), Encoding.UTF8.GetBytes("x")));
        Directory.Delete(directory, recursive: true);

        Assert.Equal(2, logged.Count);
        Assert.Equal("echo one", logged[0]);
        Assert.Contains("mv -f", logged[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ssh_client_is_reported_with_TransportException()
    {
        await using var factory = new OpenSshConnectionFactory(new OpenSshOptions { SshExecutable = "/nonexistent/ssh" });

        var exception = await Assert.ThrowsAsync<TransportException>(() => factory.Open(sshd.Host).RunAsync(new RemoteCommand($"true")));

        Assert.Contains("SshExecutable", exception.Hint, StringComparison.Ordinal);
    }
}
