using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// Under accept-new a host key that cannot be recorded is not trusted: ssh would only log that it failed to add the key
/// and go on, accepting any key (a changed one included) on every connection. What both transports do is in
/// Contract/ErrorsContract; this class proves that the OpenSSH transport checks before it starts ssh.
/// </summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class KnownHostsRecordingTests(LoopbackSshd sshd)
{
    [Theory]
    [InlineData("/dev/null", "not a regular file")]
    [InlineData("missing-directory/known_hosts", "does not exist")]
    public async Task An_unwritable_known_hosts_fails_the_host_before_ssh_starts(string knownHosts, string why)
    {
        var path = Path.IsPathRooted(knownHosts) ? knownHosts : Path.Combine(sshd.WorkDirectory, knownHosts);
        var host = sshd.Host with { KnownHostsFile = path, HostKeyChecking = HostKeyChecking.AcceptNew };

        // A missing ssh executable proves the check comes first: starting ssh would fail with another message.
        await using var factory = new OpenSshConnectionFactory(new OpenSshOptions { SshExecutable = "/nonexistent/ssh" });
        var exception = await Assert.ThrowsAsync<TransportException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        Assert.Contains($"cannot be recorded in known_hosts '{path}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(why, exception.Message, StringComparison.Ordinal);
        Assert.Contains("point known_hosts: at a regular file you can write", exception.Hint, StringComparison.Ordinal);
    }
}
