using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary>--tags and --skip-tags on plan and apply: resources by their role's name, their kind or their own tags.</summary>
public sealed class CliTagsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Tags_by_kind_keep_only_those_resources_and_skip_tags_take_them_away()
    {
        var all = await PlanAsync();
        var files = await PlanAsync("--tags", "file");
        var noFiles = await PlanAsync("--skip-tags", "file");
        var byRole = await PlanAsync("-t", "base");

        Assert.Contains("www   pending  file[/etc/motd]", all.Stdout, StringComparison.Ordinal);
        Assert.Contains("www   pending  directory[/srv]", all.Stdout, StringComparison.Ordinal);
        Assert.Contains("file[/etc/motd]", files.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("directory[", files.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("file[", noFiles.Stdout, StringComparison.Ordinal);
        Assert.Contains("directory[/srv]", noFiles.Stdout, StringComparison.Ordinal);
        Assert.Equal(Resources(all.Stdout, "www"), Resources(byRole.Stdout, "www"));
    }

    [Fact]
    public async Task Tags_that_match_nothing_leave_a_note_on_each_host_and_nothing_pending()
    {
        var result = await PlanAsync("--tags", "nginx");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("www   note     --tags nginx leaves no resource of this host to run; its tags: base, directory, file", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tags", ",", "--tags needs at least one tag")]
    [InlineData("--tags", "a;b", "--tags has the tag 'a;b'")]
    [InlineData("--skip-tags", "$(id)", "--skip-tags has the tag '$(id)'")]
    public async Task A_malformed_tag_list_is_exit_3_before_any_host(string option, string value, string message)
    {
        var result = await PlanAsync(option, value);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    private static string[] Resources(string stdout, string host) =>
        [.. stdout.Split("\n").Where(l => l.StartsWith(host + " ", StringComparison.Ordinal) && l.Contains(" pending ", StringComparison.Ordinal))];

    private Task<CliResult> PlanAsync(params string[] options) =>
        CliHarness.RunAsync(_hosts, ["plan", CliInventories.Write(_directory, CliInventories.TwoWebHosts), .. options]);
}
