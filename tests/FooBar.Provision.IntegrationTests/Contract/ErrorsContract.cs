using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Each way of failing has its exception type and a message that says what and a hint that says what to do.</summary>
public abstract class ErrorsContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    [Fact]
    public async Task A_closed_port_is_HostUnreachableException()
    {
        var port = LoopbackSshd.FreePort();

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => RunTrueAsync(Host.Root with { Port = port }));

        Assert.Equal("loopback", exception.HostName);
        Assert.Contains("Connection refused", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", exception.Message + exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_server_does_not_accept_is_AuthenticationFailedException()
    {
        var entry = Host.Root with { IdentityFile = await Sshd.NewKeyPairAsync($"unauthorized_{Guid.NewGuid():N}") };

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunTrueAsync(entry));

        Assert.Contains("Permission denied", exception.Message, StringComparison.Ordinal);
        Assert.Contains("authorized_keys", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_host_key_is_HostKeyMismatchException()
    {
        var knownHosts = await ImpostorKnownHostsAsync();

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunTrueAsync(Host.Root with { KnownHostsFile = knownHosts }));

        Assert.Contains("CHANGED", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_under_accept_new_too_and_the_recorded_key_stays()
    {
        var knownHosts = await ImpostorKnownHostsAsync();
        var recorded = File.ReadAllText(knownHosts);

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunTrueAsync(Host.Root with { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew }));

        Assert.Contains("CHANGED", exception.Message, StringComparison.Ordinal);
        Assert.Equal(recorded, File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task An_unknown_host_under_strict_checking_is_HostKeyMismatchException()
    {
        var knownHosts = EmptyKnownHosts();

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunTrueAsync(Host.Root with { KnownHostsFile = knownHosts }));

        Assert.Contains("no host key is known", exception.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", exception.Hint, StringComparison.Ordinal);
        Assert.Empty(File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task An_unknown_host_under_accept_new_is_accepted_and_recorded()
    {
        var knownHosts = EmptyKnownHosts();

        var result = await RunTrueAsync(Host.Root with { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew });

        Assert.True(result.Succeeded);
        var found = await LocalProcess.RunAsync("ssh-keygen", "-F", $"[127.0.0.1]:{Sshd.Port}", "-f", knownHosts);
        Assert.Contains(Sshd.HostPublicKey.Split(' ')[1], found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/null", "not a regular file")]
    [InlineData("missing-directory/known_hosts", "does not exist")]
    [InlineData("/proc/version", "")] // opens for writing as root, but every write fails
    public async Task A_host_key_that_cannot_be_recorded_under_accept_new_fails_the_host(string knownHosts, string why)
    {
        var path = Path.IsPathRooted(knownHosts) ? knownHosts : Path.Combine(Sshd.WorkDirectory, knownHosts);

        var exception = await Assert.ThrowsAnyAsync<TransportException>(() => RunTrueAsync(Host.Root with { KnownHostsFile = path, HostKeyChecking = HostKeyChecking.AcceptNew }));

        Assert.Contains($"cannot be recorded in known_hosts '{path}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(why, exception.Message, StringComparison.Ordinal);
        Assert.Contains("point known_hosts: at a regular file you can write", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_known_hosts_under_accept_new_fails_the_host()
    {
        // As root a mode-0444 file is writable: a read-only bind mount makes it read-only for root too.
        var directory = Directory.CreateDirectory(Path.Combine(Sshd.WorkDirectory, $"read-only-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(directory, "known_hosts");
        File.WriteAllText(path, string.Empty);
        await LocalProcess.RunAsync("mount", "--bind", directory, directory);
        try
        {
            await LocalProcess.RunAsync("mount", "-o", "remount,bind,ro", directory);

            var exception = await Assert.ThrowsAnyAsync<TransportException>(() => RunTrueAsync(Host.Root with { KnownHostsFile = path, HostKeyChecking = HostKeyChecking.AcceptNew }));

            Assert.Contains($"cannot be recorded in known_hosts '{path}' (it cannot be written", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await LocalProcess.RunAsync("umount", directory);
        }
    }

    [Fact]
    public async Task Sudo_that_asks_for_a_password_when_none_is_set_is_AuthenticationFailedException()
    {
        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunTrueAsync(Host.BecomeAs(Host.PasswordSudoUser)));

        Assert.Contains("asks", exception.Message, StringComparison.Ordinal);
        Assert.Contains("password", exception.Message, StringComparison.Ordinal);
        Assert.Contains("become_password", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_sudo_password_is_AuthenticationFailedException_that_never_shows_the_password()
    {
        var wrong = "wrong " + Host.Password;

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunTrueAsync(Host.BecomeAs(Host.PasswordSudoUser, wrong)));

        Assert.Contains("refused the become_password", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Password.Split(' ')[1], exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_sudo_rights_is_AuthenticationFailedException()
    {
        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunTrueAsync(Host.BecomeAs(Host.NoSudoUser, Host.Password)));

        Assert.Contains("may not use sudo", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Password.Split(' ')[1], exception.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> ImpostorKnownHostsAsync()
    {
        var name = $"impostor_{Guid.NewGuid():N}";
        return Sshd.WriteKnownHosts("known_hosts_" + name, LoopbackSshd.PublicKey(await Sshd.NewKeyPairAsync(name)));
    }

    private string EmptyKnownHosts()
    {
        var path = Path.Combine(Sshd.WorkDirectory, $"known_hosts_empty_{Guid.NewGuid():N}");
        File.WriteAllText(path, string.Empty);
        return path;
    }
}
