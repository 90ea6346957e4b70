using System.CommandLine;
using System.CommandLine.Help;
using FooBar.Provision.Cli;
using FooBar.Provision.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace FooBar.Provision.Tests.Hosting;

/// <summary>
/// Every option of every verb, with malformed values, on the command line and as a <c>PROVISION_*</c> variable: exit 3,
/// a message that names the option (and the variable), no host contacted, never a stack trace. The cases are generated
/// from the verbs' own options, so an option added without malformed values here fails the first test.
/// </summary>
[Collection(ProvisionVariables.Collection)]
public sealed class MalformedOptionTests : IDisposable
{
    // Malformed values of each option (by its name): what a typo, a shell expansion or a wrong variable gives.
    private static readonly Dictionary<string, string[]> Malformed = new(StringComparer.Ordinal)
    {
        ["--limit"] = [" ", ",", "nosuchhost"],
        ["--slice"] = ["0/3", "3/2", "a/b", "1/0", " "],
        ["--roles"] = [" ", ",", "nosuchrole"],
        ["--tags"] = [" ", "a b", ","],
        ["--skip-tags"] = [" ", "a b", ","],
        ["--forks"] = ["10 50", "abc", "0", "-1", "1.5", "99999999999"],
        ["--var"] = [" ", "novalue", "=x", "bad name=x"],
        ["--transport"] = ["ssh", " ", "openssh sshnet"],
        ["--lock-wait"] = ["soon", "-1", "86401"],
        ["--state-dir"] = ["relative/dir", " "],
        ["--serial"] = ["0", "abc", "150%", "-1"],
        ["--max-fail-percentage"] = ["101", "-1", "abc"],
        ["--drain-timeout"] = ["abc", "0", "1.5"],
        ["--health-timeout"] = ["abc", "0", "1.5"],
        ["--output"] = ["yaml", " "],
        ["--verbose"] = ["abc", "2"],
        ["--no-color"] = ["abc"],
        ["--dry-run"] = ["abc"],
        ["--become"] = ["abc"],
        ["--dns-server"] = ["abc", "0", "1.5", "10.99.0.2:0", "10.99.0.2:99999", "224.0.0.1", "0.0.0.0"],
        ["--timeout"] = ["ten", "0", "-1", "99999999999"],
    };

    private const string Inventory = """
        hosts:
          web1: { address: 127.0.0.1, port: 1 }
          web2: { address: 127.0.0.1, port: 2 }
        groups:
          web: { hosts: [web1, web2] }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("fb-malformed-").FullName;
    private readonly MockHosts _hosts = new();

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (verb, option) in VerbOptions())
        {
            foreach (var value in Malformed.GetValueOrDefault(option.Name, []))
            {
                cases.Add(verb.Name, option.Name, value);
            }
        }

        return cases;
    }

    /// <summary>
    /// <see cref="Cases"/> and, for every option of every verb, the empty <c>--option=</c> (a shell variable that expanded to
    /// nothing): on the command line it is always a mistake. As a <c>PROVISION_*</c> variable an empty value counts as unset
    /// (docs/hosting.md), so the variable theory does not take it.
    /// </summary>
    public static TheoryData<string, string, string> CommandLineCases()
    {
        var cases = Cases();
        foreach (var (verb, option) in VerbOptions())
        {
            cases.Add(verb.Name, option.Name, "");
        }

        return cases;
    }

    /// <summary>Every option of every verb.</summary>
    public static TheoryData<string, string> EveryOption()
    {
        var options = new TheoryData<string, string>();
        foreach (var (verb, option) in VerbOptions())
        {
            options.Add(verb.Name, option.Name);
        }

        return options;
    }

    /// <summary>Every option that some verb has and <c>run</c> has not, each written before run's <c>--</c>.</summary>
    public static TheoryData<string> OptionsRunHasNot()
    {
        var run = VerbOptions().Where(p => p.Verb.Name == "run").Select(p => p.Option.Name).ToHashSet(StringComparer.Ordinal);
        var others = VerbOptions().Select(p => p.Option.Name).Where(name => !run.Contains(name)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var words = new TheoryData<string>();
        foreach (var word in others.Select(name => name + "=x").Concat(others).Append("--bogus").Append("-z").Append("uptime"))
        {
            words.Add(word);
        }

        return words;
    }

    [Fact]
    public void Every_option_of_every_verb_has_malformed_values_to_try()
    {
        var missing = VerbOptions().Select(p => p.Option.Name).Distinct().Where(name => !Malformed.ContainsKey(name)).ToArray();

        Assert.True(missing.Length == 0, "options without malformed values in MalformedOptionTests: " + string.Join(", ", missing));
        Assert.True(Cases().Count > 150, $"only {Cases().Count} cases");
    }

    [Theory]
    [MemberData(nameof(CommandLineCases))]
    public async Task A_malformed_value_on_the_command_line_exits_3_naming_the_option(string verb, string option, string value)
    {
        var result = await CliHarness.RunAsync(_hosts, Arguments(verb, $"{option}={value}"));

        AssertRefused(result, option);
    }

    // System.CommandLine also splits --option:value; its empty form is refused the same way.
    [Theory]
    [MemberData(nameof(EveryOption))]
    public async Task An_empty_value_after_a_colon_exits_3_naming_the_option(string verb, string option)
    {
        var result = await CliHarness.RunAsync(_hosts, Arguments(verb, option + ":"));

        AssertRefused(result, option);
    }

    // With a valid setting in the environment the tool takes its configured path: the command line's mistake must still be
    // said as the command line's, not blamed on the setting (before, `--verbose=` with PROVISION_FORKS=2 set said
    // "a setting from provision.json or a PROVISION_* variable is not valid ... set: environment variable PROVISION_FORKS").
    [Theory]
    [MemberData(nameof(CommandLineCases))]
    public async Task A_malformed_value_on_the_command_line_is_the_command_line_s_even_when_a_setting_is_present(string verb, string option, string value)
    {
        var result = await RunWithVariablesAsync(verb, [$"{option}={value}"], ("PROVISION_OUTPUT", "text"));

        AssertRefused(result, option);
        Assert.True(!result.Stderr.Contains("PROVISION_OUTPUT", StringComparison.Ordinal) && !result.Stderr.Contains("a setting from", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [MemberData(nameof(OptionsRunHasNot))]
    public async Task A_word_before_runs_double_dash_that_is_not_runs_option_is_refused_not_sent_to_the_hosts(string word)
    {
        var result = await CliHarness.RunAsync(_hosts, Arguments("run", word));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(word.StartsWith('-') ? "is not an option of run" : "comes before '--'", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_value_in_a_PROVISION_variable_exits_3_naming_the_variable_and_the_option(string verb, string option, string value)
    {
        var variable = "PROVISION_" + option.TrimStart('-').Replace('-', '_').ToUpperInvariant();

        var result = await RunWithVariablesAsync(verb, (variable, value));

        AssertRefused(result, option);
        Assert.True(result.Stderr.Contains("environment variable " + variable, StringComparison.Ordinal), result.ToString());
    }

    [Fact]
    public async Task The_value_of_a_var_setting_is_never_shown()
    {
        var result = await RunWithVariablesAsync("apply", ("PROVISION_VAR", "db_password=hunter2-secret"), ("PROVISION_FORKS", "abc"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("environment variable PROVISION_FORKS", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private Task<CliResult> RunWithVariablesAsync(string verb, params (string Name, string Value)[] variables) => RunWithVariablesAsync(verb, [], variables);

    private async Task<CliResult> RunWithVariablesAsync(string verb, string[] options, params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(ProvisionSettings.Prefix).Build();
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var services = new CliServices(() => _hosts.Factory.Object, _ => null, FooBar.Provision.Roles.BuiltInRoles.Catalog, () => false);
            var exitCode = await ProvisionCommandLine.RunAsync(Arguments(verb, options), stdout, stderr, services, configuration, null, CancellationToken.None);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            foreach (var (name, _) in variables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void AssertRefused(CliResult result, string option)
    {
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.True(result.Stderr.Contains(option, StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(_hosts.Opened);
    }

    private string[] Arguments(string verb, params string[] options)
    {
        var inventory = Path.Combine(_directory, "inventory.yaml");
        File.WriteAllText(inventory, Inventory);
        return verb == "run" ? [verb, inventory, .. options, "--", "true"] : [verb, inventory, .. options];
    }

    private static IEnumerable<(Command Verb, Option Option)> VerbOptions()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, new CliServices(() => new MockHosts().Factory.Object, _ => null, FooBar.Provision.Roles.BuiltInRoles.Catalog, () => false));
        var root = CliApp.BuildRootCommand(context);
        return root.Subcommands
            .Where(verb => verb.Arguments.Any(a => a.Name == "INVENTORY"))
            .SelectMany(verb => verb.Options.Where(o => o is not (HelpOption or VersionOption)).Select(option => (verb, option)));
    }
}
