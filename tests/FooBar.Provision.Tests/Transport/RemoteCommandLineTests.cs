using System.Text;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Transport;

public sealed class RemoteCommandLineTests
{
    private static readonly HostEntry Host = new("web1", "192.0.2.10");

    [Fact]
    public void A_script_runs_as_one_quoted_word_of_sh() =>
        Assert.Equal("sh -c 'echo '\\''hi'\\'''", RemoteCommandLine.For(Host, "echo 'hi'"));

    [Fact]
    public void Become_without_a_password_uses_non_interactive_sudo() =>
        Assert.Equal("sudo -n -- sh -c 'id -u'", RemoteCommandLine.For(Host with { Become = true }, "id -u"));

    [Fact]
    public void A_become_password_travels_on_stdin_never_on_the_command_line()
    {
        var host = Host with { Become = true, BecomePassword = new SecretValue("env:X", "pa$$ word") };

        var commandLine = RemoteCommandLine.For(host, "cat");
        var input = RemoteCommandLine.StandardInput(host, Encoding.UTF8.GetBytes("data"), out var secretBuffer);

        Assert.DoesNotContain("pa$$", commandLine, StringComparison.Ordinal);
        Assert.Contains("sudo -k -S -p", commandLine, StringComparison.Ordinal);
        Assert.Equal("pa$$ word\ndata", Encoding.UTF8.GetString(input.Span));
        Assert.NotNull(secretBuffer);
    }

    [Fact]
    public void Without_a_password_stdin_is_the_commands_own_input()
    {
        var input = RemoteCommandLine.StandardInput(Host with { Become = true }, Encoding.UTF8.GetBytes("data"), out var secretBuffer);

        Assert.Equal("data", Encoding.UTF8.GetString(input.Span));
        Assert.Null(secretBuffer);
    }
}
