using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

public sealed class CliPlanTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Plan_with_pending_changes_exits_2_and_sends_only_read_only_commands()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(4, _hosts.Commands.Count); // facts and one probe batch per host
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly));
        Assert.All(_hosts.Connections, c => c.Verify(x => x.WriteFileAsync(It.IsAny<RemoteFile>(), It.IsAny<CancellationToken>()), Times.Never));
    }

    [Fact]
    public async Task Plan_prints_one_line_per_resource_prefixed_by_its_host_with_diffs_and_a_recap()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory);

        Assert.Contains("www   pending  file[/etc/motd]  create /etc/motd", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("www2  pending  directory[/srv]  create directory /srv", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("               +www (debian 12, x86_64)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("RECAP", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"www   ok=0 changed=0 failed=0 skipped=0 pending=2  round_trips=2  \d+\.\d\ds", result.Stdout);
        Assert.Contains("4 change(s) pending on 2 host(s)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_with_dry_run_plans_like_plan()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "apply", inventory, "--dry-run");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly));
    }

    [Fact]
    public async Task Limit_selects_hosts_by_name_and_contacts_only_them()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory, "--limit", "www2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(["www2"], _hosts.Opened.Select(h => h.Name));
    }

    [Fact]
    public async Task An_unreachable_host_exits_1_and_its_error_is_printed()
    {
        var hosts = new MockHosts(host => host.Name == "www2" ? new HostUnreachableException("www2", "cannot reach 192.0.2.10:22: Connection timed out", "check the address") : null);
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(hosts, "plan", inventory);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("www2  UNREACHABLE  www2: cannot reach 192.0.2.10:22: Connection timed out (hint: check the address)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("www   pending  file[/etc/motd]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_factory_is_disposed_at_the_end_of_the_run()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        await CliHarness.RunAsync(_hosts, "plan", inventory);

        _hosts.Factory.As<IAsyncDisposable>().Verify(d => d.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task Verbose_says_why_a_facts_cache_file_was_ignored_and_the_plan_goes_on()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);
        var cache = Path.Combine(_directory.Path, "facts");
        Directory.CreateDirectory(cache);
        File.WriteAllText(new FooBar.Provision.Facts.FactsCache(cache).PathOf(new FooBar.Provision.Inventory.HostEntry("www", "192.0.2.20")), "{ broken");

        var quiet = await CliHarness.RunWithFactsCacheAsync(_hosts, cache, "plan", inventory);
        var verbose = await CliHarness.RunWithFactsCacheAsync(_hosts, cache, "plan", inventory, "-v");

        Assert.True(quiet.ExitCode == 2, quiet.ToString());
        Assert.DoesNotContain("facts cache", quiet.Stdout + quiet.Stderr, StringComparison.Ordinal);
        Assert.True(verbose.ExitCode == 2, verbose.ToString());
        Assert.Contains("www # facts cache ", verbose.Stderr, StringComparison.Ordinal);
        Assert.Contains("could not be read", verbose.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("facts cache", verbose.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_the_live_progress_ends_with_the_coloured_listing_and_the_recap()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunOnTerminalAsync(_hosts, "plan", inventory);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("\u001b[36mpending", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("file[/etc/motd]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("RECAP", result.Stdout, StringComparison.Ordinal);
    }
}
