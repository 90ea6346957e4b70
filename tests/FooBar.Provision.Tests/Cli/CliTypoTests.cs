using System.Text.Json;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary>A mistyped verb or option is exit 3 with a "did you mean", before anything is read or contacted.</summary>
public sealed class CliTypoTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("plna", "'plna' is not a verb: did you mean 'plan'?")]
    [InlineData("aply", "'aply' is not a verb: did you mean 'apply'?")]
    [InlineData("chekc", "'chekc' is not a verb: did you mean 'check'?")]
    [InlineData("rollbak", "'rollbak' is not a verb: did you mean 'rollback'?")]
    public async Task A_mistyped_verb_gets_the_verb_it_is_closest_to(string verb, string hint)
    {
        var result = await CliHarness.RunAsync(_hosts, verb, Inventory());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("  hint: " + hint, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [InlineData("apply", "--dryrun", "'--dryrun' is not an option of 'provision apply': did you mean '--dry-run'?")]
    [InlineData("plan", "--limt=web", "'--limt' is not an option of 'provision plan': did you mean '--limit'?")]
    [InlineData("plan", "--froks", "'--froks' is not an option of 'provision plan': did you mean '--forks'?")]
    [InlineData("check", "--verbos", null)]
    public async Task A_mistyped_option_gets_the_option_of_that_verb_it_is_closest_to(string verb, string option, string? hint)
    {
        var result = await CliHarness.RunAsync(_hosts, verb, Inventory(), option);

        Assert.True(result.ExitCode == 3, result.ToString());
        if (hint is null)
        {
            // check has no --verbose: nothing close enough, so no guess, only the pointer to --help.
            Assert.DoesNotContain("did you mean", result.Stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("  hint: " + hint, result.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains($"hint: run 'provision {verb} --help'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_far_from_every_verb_gets_no_guess()
    {
        var result = await CliHarness.RunAsync(_hosts, "deploy", Inventory());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.DoesNotContain("did you mean", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: run 'provision --help'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_output_json_the_guess_is_in_the_documents_hint()
    {
        var result = await CliHarness.RunAsync(_hosts, "apply", Inventory(), "--dryrun", "-o", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var hints = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("hint").GetString()).ToArray();
        Assert.Contains(hints, h => h!.Contains("did you mean '--dry-run'?", StringComparison.Ordinal));
    }

    private string Inventory() => CliInventories.Write(_directory, CliInventories.TwoWebHosts);
}
