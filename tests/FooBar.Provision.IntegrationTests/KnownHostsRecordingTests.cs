using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// Under accept-new a host key that cannot be recorded is not trusted: ssh would only log that it failed to add the key
/// and go on, accepting any key (a changed one included) on every connection.
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
        var exception = await Assert.ThrowsAsync<TransportException>(() => factory.Open(host).RunAsync(new RemoteCommand("true")));

        Assert.Contains($"cannot be recorded in known_hosts '{path}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(why, exception.Message, StringComparison.Ordinal);
        Assert.Contains("point known_hosts: at a regular file you can write", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_known_hosts_fails_the_host()
    {
        // As root a mode-0444 file is writable: a read-only bind mount makes it read-only for root too.
        var directory = Directory.CreateDirectory(Path.Combine(sshd.WorkDirectory, "read-only")).FullName;
        var path = Path.Combine(directory, "known_hosts");
        File.WriteAllText(path, string.Empty);
        await LocalProcess.RunAsync("mount", "--bind", directory, directory);
        try
        {
            await LocalProcess.RunAsync("mount", "-o", "remount,bind,ro", directory);
            var host = sshd.Host with { KnownHostsFile = path, HostKeyChecking = HostKeyChecking.AcceptNew };

            var exception = await Assert.ThrowsAsync<TransportException>(() => RunAsync(host));

            Assert.Contains($"cannot be recorded in known_hosts '{path}' (it cannot be written", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await LocalProcess.RunAsync("umount", directory);
        }
    }

    [Fact]
    public async Task A_key_that_ssh_itself_fails_to_record_fails_the_host()
    {
        // /proc/version opens for writing (as root) but every write fails: ssh logs "Failed to add the host" and goes on.
        var host = sshd.Host with { KnownHostsFile = "/proc/version", HostKeyChecking = HostKeyChecking.AcceptNew };

        var exception = await Assert.ThrowsAsync<TransportException>(() => RunAsync(host));

        Assert.Contains("ssh reported that it could not add the key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_key_is_refused_under_accept_new_and_the_file_keeps_the_recorded_key()
    {
        var otherKey = LoopbackSshd.PublicKey(await sshd.NewKeyPairAsync("impostor3_ed25519"));
        var knownHosts = sshd.WriteKnownHosts("known_hosts_changed_recorded", otherKey);
        var host = sshd.Host with { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew };

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunAsync(host));

        Assert.Contains("CHANGED", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sshd.HostPublicKey, File.ReadAllText(knownHosts), StringComparison.Ordinal);
    }

    private static async Task<CommandResult> RunAsync(HostEntry host)
    {
        await using var factory = new OpenSshConnectionFactory();
        return await factory.Open(host).RunAsync(new RemoteCommand("true"));
    }
}
