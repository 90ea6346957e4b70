namespace FooBar.Provision.Tests.Cli;

/// <summary>Shell completion: the [suggest:N] directive answers verbs, options and option values; the scripts ask it.</summary>
public sealed class CliCompletionTests
{
    private readonly MockHosts _hosts = new();

    // System.CommandLine answers every name that holds the typed text (pl: plan, apply, completion); the shell
    // scripts keep those that start with it (compgen -W, compadd, PowerShell's own filter).
    [Theory]
    [InlineData("provision ", "plan,apply,facts,check,verify,rollback,run,completion")]
    [InlineData("provision pl", "plan,apply,completion")]
    [InlineData("provision ru", "run")]
    public async Task A_completion_request_returns_the_verbs(string line, string expected)
    {
        var words = await SuggestAsync(line);

        Assert.All(expected.Split(','), verb => Assert.Contains(verb, words));
        Assert.DoesNotContain("INVENTORY", words);
    }

    [Fact]
    public async Task A_completion_request_after_a_verb_returns_its_options()
    {
        var words = await SuggestAsync("provision apply inventory.yaml --");

        Assert.Contains("--limit", words);
        Assert.Contains("--tags", words);
        Assert.Contains("--skip-tags", words);
        Assert.Contains("--dry-run", words);
        Assert.DoesNotContain("--timeout", words);
    }

    [Fact]
    public async Task A_completion_request_for_an_option_value_returns_its_choices()
    {
        Assert.Equal(["json", "text"], (await SuggestAsync("provision plan inventory.yaml --output ")).Order(StringComparer.Ordinal));
        Assert.Equal(["openssh", "sshnet"], (await SuggestAsync("provision facts inventory.yaml --transport ")).Order(StringComparer.Ordinal));
        Assert.Equal(["bash", "powershell", "zsh"], (await SuggestAsync("provision completion ")).Where(w => !w.StartsWith('-') && !w.StartsWith('/')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _provision_complete provision")]
    [InlineData("zsh", "compdef _provision_complete provision")]
    [InlineData("powershell", "Register-ArgumentCompleter -Native -CommandName provision")]
    public async Task Completion_prints_the_script_for_each_shell(string shell, string line)
    {
        var result = await CliHarness.RunAsync(_hosts, "completion", shell);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(line, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bash_script_completes_through_the_directive_in_a_real_bash()
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Fail("bash is needed for this test");
        }

        var script = (await CliHarness.RunAsync(_hosts, "completion", "bash")).Stdout;

        // A provision that answers the directive as the real one would; the script must hand it COMP_POINT and COMP_LINE.
        var answer = string.Join("\n", await SuggestAsync("provision apply inventory.yaml --li"));
        var run = await RunBashAsync($$"""
            provision() { [ "$1" = "[suggest:34]" ] && [ "$2" = "provision apply inventory.yaml --li" ] && printf '%s\n' '{{answer}}'; }
            {{script}}
            COMP_LINE='provision apply inventory.yaml --li'; COMP_POINT=34; COMP_WORDS=(provision apply inventory.yaml --li); COMP_CWORD=3
            _provision_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """);

        Assert.Equal("--limit\n", run);
    }

    private async Task<string[]> SuggestAsync(string line)
    {
        var result = await CliHarness.RunAsync(_hosts, $"[suggest:{line.Length}]", line);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task<string> RunBashAsync(string script)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/bash", ["--norc", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("bash did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
