using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

public sealed class CommandResultExitTextTests
{
    public static TheoryData<int> EveryExitCode()
    {
        var codes = new TheoryData<int>();
        for (var code = 0; code <= 255; code++)
        {
            codes.Add(code);
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(EveryExitCode))]
    public void Every_exit_code_reads_exit_N_and_only_129_to_159_name_a_signal(int code)
    {
        var text = new CommandResult(code, string.Empty, string.Empty).ExitText;

        Assert.StartsWith($"exit {code}", text, StringComparison.Ordinal);
        Assert.Equal(code is >= 129 and <= 159, text.Contains("killed by signal", StringComparison.Ordinal));
        if (code is < 129 or > 159)
        {
            Assert.Equal($"exit {code}", text);
        }
    }

    [Theory]
    [InlineData(137, "KILL", "OOM killer")]
    [InlineData(143, "TERM", "timeout")]
    [InlineData(130, "INT", "Ctrl+C")]
    [InlineData(141, "PIPE", "went away")]
    public void A_common_signal_is_named_with_what_usually_sends_it(int code, string signal, string cause)
    {
        var text = new CommandResult(code, string.Empty, string.Empty).ExitText;

        Assert.Contains($"killed by signal {signal}", text, StringComparison.Ordinal);
        Assert.Contains(cause, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_gives_the_exit_text_then_the_last_lines_of_stderr()
    {
        var stderr = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"line {i}"));

        var text = RemoteActions.Describe(new CommandResult(137, "ignored", stderr));

        Assert.StartsWith("exit 137 (killed by signal KILL", text, StringComparison.Ordinal);
        Assert.EndsWith("line 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 4\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out\n", "exit 1: out")]
    [InlineData("", "exit 1")]
    [InlineData("  \n", "exit 1")]
    public void Describe_falls_back_to_stdout_and_to_the_exit_text_alone(string stdout, string expected)
    {
        Assert.Equal(expected, RemoteActions.Describe(new CommandResult(1, stdout, " ")));
    }
}
