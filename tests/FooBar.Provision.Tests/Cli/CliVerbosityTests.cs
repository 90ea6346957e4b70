using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary>-v, -vv and -vvv each add something of their own on standard error (docs/cli/verbosity.md); stdout stays the listing.</summary>
public sealed class CliVerbosityTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_v_standard_error_is_empty_and_the_listing_has_no_times()
    {
        var result = await PlanAsync();

        Assert.Empty(result.Stderr);
        Assert.DoesNotContain("(0.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V_adds_each_hosts_facts_and_round_trips_but_no_command()
    {
        var result = await PlanAsync("-v");

        Assert.Contains("www2 # facts: debian 12, x86_64, init systemd, packages apt, hostname www2; 2 round trip(s), ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" $ ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" > ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vv_adds_every_step_and_one_line_per_command_with_its_exit_and_time_but_no_script()
    {
        var result = await PlanAsync("-vv");

        Assert.Contains("www > probes (", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^www \$ \(read-only, \d+ lines, \d+ bytes\) \S", result.Stderr);
        Assert.Matches(@"(?m)^www < exit 0 in \d+\.\d{3}s$", result.Stderr);
        Assert.Contains("www2 # facts: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("$   ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-vvv")]
    [InlineData("-v", "-v", "-v")]
    [InlineData("--verbose", "-vv")]
    public async Task Vvv_adds_the_whole_script_of_every_command(params string[] verbose)
    {
        var result = await PlanAsync(verbose);

        Assert.Contains("www2 $ (read-only)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("www2 $   echo \"os_id=${ID:-unknown}\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("www < exit 0 in ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("www > probes (", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("$ (read-only)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void V_adds_the_time_of_each_resource_that_was_compared_or_changed_to_the_listing()
    {
        using var output = new StringWriter();
        var listing = new FooBar.Provision.Cli.Rendering.ListingWriter(output, 3, FooBar.Provision.Cli.Rendering.Ansi.None) { ShowDurations = true };

        listing.Resource("www", new("file[/a]", "base", FooBar.Provision.Reporting.ResourceStatus.Changed, "update /a", null, TimeSpan.FromSeconds(1.234)));
        listing.Resource("www", new("file[/b]", "base", FooBar.Provision.Reporting.ResourceStatus.Pending, "update /b", null, TimeSpan.Zero));

        Assert.Equal("www  changed  file[/a]  update /a  (1.23s)\nwww  pending  file[/b]  update /b\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task More_than_three_v_is_refused_rather_than_silently_taken_as_three()
    {
        var result = await PlanAsync("-vvvv");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("-v is given 4 times; the most is 3", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hosts.Opened);
    }

    [Fact]
    public async Task Verbose_false_from_a_setting_is_no_verbosity()
    {
        var result = await PlanAsync("--verbose=false");

        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("-v", false)]
    [InlineData("-vvv", true)]
    public async Task Facts_shows_its_one_command_from_v_and_the_script_from_vvv(string verbose, bool script)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "facts", inventory, verbose);

        Assert.Matches(@"(?m)^www \$ \(read-only", result.Stderr);
        Assert.Equal(script, result.Stderr.Contains("www $   ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "-v" }, true)]
    public async Task Rollback_shows_each_command_it_sends_from_v(string[] verbose, bool shown)
    {
        var inventory = CliInventories.Write(_directory, """
            hosts:
              www:
                address: 192.0.2.20
                roles: [app-files]
                vars:
                  db_password: not-a-real-one
            """);

        var result = await CliHarness.RunAsync(_hosts, ["rollback", inventory, .. verbose]);

        Assert.Equal(shown, result.Stderr.Contains("www $ (read-only, ", StringComparison.Ordinal));
        Assert.Equal(shown, result.Stderr.Contains("www < exit ", StringComparison.Ordinal));
        Assert.DoesNotContain("not-a-real-one", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private Task<CliResult> PlanAsync(params string[] verbose)
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        return CliHarness.RunAsync(_hosts, ["plan", inventory, .. verbose]);
    }
}
