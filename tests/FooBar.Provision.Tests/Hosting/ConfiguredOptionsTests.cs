using FooBar.Provision.Cli;
using FooBar.Provision.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace FooBar.Provision.Tests.Hosting;

/// <summary>Configuration gives an option of the verb where the command line does not, by the option's long name in any spelling.</summary>
[Collection(ProvisionVariables.Collection)]
public sealed class ConfiguredOptionsTests
{
    [Theory]
    [InlineData("lock-wait")]
    [InlineData("lockWait")]
    [InlineData("LOCK_WAIT")]
    [InlineData("--lock-wait")]
    public void A_key_in_any_spelling_of_the_option_s_long_name_gives_the_option(string key)
    {
        var (args, added) = Apply(["apply", "inv.yaml"], (key, "30"));

        Assert.Equal(["apply", "--lock-wait=30", "inv.yaml"], args);
        Assert.Equal("--lock-wait", Assert.Single(added).Option);
    }

    [Fact]
    public void The_verb_s_section_wins_over_the_top_level_and_applies_to_that_verb_only()
    {
        Assert.Equal(["plan", "--forks=2", "inv.yaml"], Apply(["plan", "inv.yaml"], ("forks", "5"), ("plan:forks", "2")).Args);
        Assert.Equal(["apply", "--forks=5", "inv.yaml"], Apply(["apply", "inv.yaml"], ("forks", "5"), ("plan:forks", "2")).Args);
    }

    [Fact]
    public void An_option_on_the_command_line_is_left_as_it_is()
    {
        var (args, added) = Apply(["plan", "inv.yaml", "-f", "3"], ("forks", "5"));

        Assert.Equal(["plan", "inv.yaml", "-f", "3"], args);
        Assert.Empty(added);
    }

    [Fact]
    public void An_array_gives_a_repeatable_option_once_per_item_and_empty_values_are_unset()
    {
        var (args, _) = Apply(["plan", "inv.yaml"], ("var:0", "a=1"), ("var:1", "b=2"), ("limit", ""));

        Assert.Equal(["plan", "--var=a=1", "--var=b=2", "inv.yaml"], args);
    }

    [Fact]
    public void Keys_that_name_no_option_of_the_verb_and_a_command_line_that_does_not_parse_are_left_alone()
    {
        Assert.Empty(Apply(["check", "inv.yaml"], ("forks", "5"), ("redis:port", "6379")).Added); // check has no --forks
        Assert.Empty(Apply(["plan"], ("forks", "5")).Added);
        Assert.Empty(Apply(["--help"], ("forks", "5")).Added);
    }

    [Fact]
    public void The_source_of_a_setting_names_the_environment_variable_that_set_it()
    {
        Environment.SetEnvironmentVariable("PROVISION_APPLY__LOCK_WAIT", "7");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("lock-wait", "9")]).AddEnvironmentVariables("PROVISION_").Build();

            var (args, added) = ConfiguredOptions.Apply(CliApp.BuildRootCommand(Context()), ["apply", "inv.yaml"], configuration);

            Assert.Equal(["apply", "--lock-wait=7", "inv.yaml"], args);
            Assert.Equal("environment variable PROVISION_APPLY__LOCK_WAIT", Assert.Single(added).Source);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PROVISION_APPLY__LOCK_WAIT", null);
        }
    }

    private static (string[] Args, IReadOnlyList<ConfiguredOption> Added) Apply(string[] args, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return ConfiguredOptions.Apply(CliApp.BuildRootCommand(Context()), args, configuration);
    }

    private static CliContext Context() => new(TextWriter.Null, TextWriter.Null, new CliServices(() => new MockHosts().Factory.Object, _ => null, FooBar.Provision.Roles.BuiltInRoles.Catalog, () => false));
}
