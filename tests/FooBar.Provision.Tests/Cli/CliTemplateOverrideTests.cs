using System.Text.RegularExpressions;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary>A user's template override that is wrong stops every verb before any host is contacted (exit 3, file:line:column).</summary>
public sealed class CliTemplateOverrideTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task A_syntax_error_in_an_override_exits_3_with_its_file_line_and_column(string verb)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var motd = _directory.Write("templates/base/motd.scriban", "{{ host.name }}\n{{ if motd_message }}\n{{ motd_message }}\n");

        var result = await CliHarness.RunAsync(_hosts, verb, inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches($@"^{Regex.Escape(motd)}:3:\d+: role 'base', template 'motd.scriban': syntax error: .*<end>", result.Stderr);
        Assert.Contains("  hint: fix the template's Scriban syntax", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no host was contacted", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    // Every verb that reads role variables renders the overrides before connecting: a mistake in one is bad input, and a
    // plan that found it on the first host would already have changed the others in a run of several.
    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("rollback")]
    public async Task An_unknown_variable_in_an_override_is_found_without_a_connection(string verb)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var motd = _directory.Write("templates/base/motd.scriban", "{{ host.name }}\n\n  {{ motd_mesage }}\n");

        var result = await CliHarness.RunAsync(_hosts, verb, inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{motd}:3:6: hosts 'www', 'www2': role 'base', template 'motd.scriban': unknown variable 'motd_mesage' (did you mean 'motd_message'?)\n", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    // A render that reaches the time limit is not tried again for the next hosts: each would wait the whole limit again.
    [Fact]
    public async Task An_override_that_renders_too_long_is_reported_once_for_the_first_host()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var motd = _directory.Write("templates/base/motd.scriban", "{{ x = \"\"; for i in 1..100000; x = x + \"" + new string('a', 40) + "\"; end; x }}\n");
        FooBar.Provision.Templates.TemplateRenderer.TimeLimitForTests.Value = TimeSpan.FromSeconds(0.3);
        CliResult result;
        try
        {
            result = await CliHarness.RunAsync(_hosts, "check", inventory);
        }
        finally
        {
            FooBar.Provision.Templates.TemplateRenderer.TimeLimitForTests.Value = null;
        }

        Assert.Equal(3, result.ExitCode);
        Assert.Matches($@"^{Regex.Escape(motd)}:1:\d+: host 'www': role 'base', template 'motd.scriban': the render went past 0\.3 s, the limit\n", result.Stderr);
        Assert.Empty(_hosts.Opened);
    }

    // Only check renders the built-in templates of roles without an override (the project's tests render those): a plan
    // with no override renders nothing before it connects.
    [Fact]
    public async Task A_plan_with_a_valid_override_connects_and_renders_it()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        _directory.Write("templates/base/motd.scriban", "{{ host.name }} is ours\n");

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.NotEqual(3, result.ExitCode);
        Assert.NotEmpty(_hosts.Opened);
    }

    [Fact]
    public async Task Check_finds_an_unknown_member_of_the_facts()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var motd = _directory.Write("templates/base/motd.scriban", "{{ facts.os }}\n");

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{motd}:1:10: hosts 'www', 'www2': role 'base', template 'motd.scriban': unknown member 'os' (it has: Architecture, HasSystemd, Hostname, InitSystem, OsId, OsVersion, PackageManager)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_override_passes_check()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        _directory.Write("templates/base/motd.scriban", "{{ host.name }} ({{ facts.OsId }})\n{{ motd_message }}\n");

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_Handlebars_override_left_from_before_is_refused_rather_than_ignored()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var motd = _directory.Write("templates/base/motd.hbs", "{{motd_message}}\n");

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{motd}:1:1: role 'base', template 'motd.hbs': is a Handlebars override, which this version no longer reads", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rename it motd.scriban", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task An_override_named_after_no_template_is_refused_rather_than_ignored()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var stray = _directory.Write("templates/base/mtod.scriban", "{{ motd_message }}\n");

        var result = await CliHarness.RunAsync(_hosts, "apply", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{stray}: role 'base': this override replaces no template of the role, so nothing reads it", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: name it after one of the role's templates: motd.scriban", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("templates/bsae/motd.scriban", "templates/bsae/ is named after no role, so nothing reads the overrides in it", "did you mean 'base'? name the folder after the role it overrides: ")]
    [InlineData("templates/base/motd.scribn", "role 'base': this file is named almost like the template 'motd.scriban', but only 'motd.scriban' overrides it, so nothing reads this one", "did you mean 'motd.scriban'? rename it")]
    [InlineData("templates/base/motd.scriban.txt", "role 'base': this file is named almost like the template 'motd.scriban', but only 'motd.scriban' overrides it, so nothing reads this one", "did you mean 'motd.scriban'? rename it")]
    public async Task An_override_in_a_misspelt_folder_or_under_a_misspelt_name_is_refused_rather_than_ignored(string file, string message, string hint)
    {
        // Found by a newcomer pass on the lab: both passed check and plan, and the built-in template stayed in place.
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var stray = _directory.Write(file, "{{ motd_message }}\n");

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{stray}: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"hint: {hint}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Other_files_beside_the_overrides_are_left_alone()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        _directory.Write("templates/base/README.md", "our motd\n");
        _directory.Write("templates/base/motd.scriban~", "an editor's backup\n");
        _directory.Write("templates/base/motd.scriban.bak", "a backup\n");
        _directory.Write("templates/notes/todo.txt", "a folder without templates\n");

        var result = await CliHarness.RunAsync(_hosts, "check", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
