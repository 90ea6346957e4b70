using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Transport;

/// <summary>ssh and sudo failures, as OpenSSH 9.2 and sudo 1.9 print them, map to the exception a caller can act on.</summary>
public sealed class OpenSshErrorsTests
{
    private static readonly HostEntry Host = new("web1", "192.0.2.10") { Port = 2222, User = "deploy", KnownHostsFile = "/tmp/kh" };

    [Fact]
    public void A_changed_host_key_is_a_HostKeyMismatchException_that_says_so()
    {
        const string stderr = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n" +
            "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n" +
            "Host key for [192.0.2.10]:2222 has changed and you have requested strict checking.\nHost key verification failed.\n";

        var exception = Assert.IsType<HostKeyMismatchException>(OpenSshErrors.Classify(Host, new CommandResult(255, string.Empty, stderr)));

        Assert.Contains("CHANGED", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R '[192.0.2.10]:2222' -f /tmp/kh", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_host_key_is_a_HostKeyMismatchException_that_suggests_accept_new()
    {
        const string stderr = "No ED25519 host key is known for [192.0.2.10]:2222 and you have requested strict checking.\nHost key verification failed.\n";

        var exception = Assert.IsType<HostKeyMismatchException>(OpenSshErrors.Classify(Host, new CommandResult(255, string.Empty, stderr)));

        Assert.Contains("no host key is known", exception.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_login_is_an_AuthenticationFailedException() =>
        Assert.IsType<AuthenticationFailedException>(
            OpenSshErrors.Classify(Host, new CommandResult(255, string.Empty, "deploy@192.0.2.10: Permission denied (publickey).\n")));

    [Theory]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: Connection refused")]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: Connection timed out")]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: No route to host")]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: Network is unreachable")]
    [InlineData("ssh: Could not resolve hostname web1.invalid: Name or service not known")]
    public void A_host_that_does_not_answer_is_a_HostUnreachableException(string stderr)
    {
        var exception = Assert.IsType<HostUnreachableException>(OpenSshErrors.Classify(Host, new CommandResult(255, string.Empty, stderr + "\n")));

        Assert.Contains("192.0.2.10:2222", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Sudo_asking_for_a_password_is_an_AuthenticationFailedException_about_become_password()
    {
        var exception = Assert.IsType<AuthenticationFailedException>(
            OpenSshErrors.Classify(Host with { Become = true }, new CommandResult(1, string.Empty, "sudo: a password is required\n")));

        Assert.Contains("become_password", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_sudo_password_is_an_AuthenticationFailedException()
    {
        var host = Host with { Become = true, BecomePassword = new SecretValue("env:X", "wrong") };

        Assert.IsType<AuthenticationFailedException>(
            OpenSshErrors.Classify(host, new CommandResult(1, string.Empty, "sudo: 1 incorrect password attempt\n")));
    }

    [Theory]
    [InlineData(1, "grep: nothing found")]
    [InlineData(255, "my script failed on its own")]
    [InlineData(255, "")]
    [InlineData(1, "sudo: a password is required")] // without become, sudo was the script's own choice
    public void A_commands_own_failure_is_not_an_exception(int exitCode, string stderr) =>
        Assert.Null(OpenSshErrors.Classify(Host, new CommandResult(exitCode, string.Empty, stderr)));

    [Theory]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: Connection refused")]
    [InlineData("kex_exchange_identification: read: Connection reset by peer\nConnection reset by 192.0.2.10 port 2222")]
    [InlineData("kex_exchange_identification: Connection closed by remote host\nConnection closed by 192.0.2.10 port 2222")]
    public void A_refused_reset_or_closed_handshake_may_pass_and_is_tried_again(string log) =>
        Assert.True(OpenSshErrors.IsTransientConnectFailure(log));

    [Theory]
    [InlineData("Connection timed out during banner exchange\nConnection to 192.0.2.10 port 2222 timed out")]
    [InlineData("ssh: connect to host 192.0.2.10 port 2222: Connection timed out")]
    [InlineData("deploy@192.0.2.10: Permission denied (publickey).")]
    [InlineData("Host key verification failed.\nConnection closed by 192.0.2.10 port 2222")]
    [InlineData("ssh: Could not resolve hostname nowhere: Name or service not known")]
    [InlineData("")]
    public void Timeouts_refusals_of_credentials_or_keys_and_unknown_names_are_not_tried_again(string log) =>
        Assert.False(OpenSshErrors.IsTransientConnectFailure(log));
}
