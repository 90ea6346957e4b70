using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Resources;

/// <summary>A package install waits for the package manager's locks and says so in the report.</summary>
public sealed class AptPackagesApplyTests
{
    private static readonly ProbeResult NothingInstalled = new(0, "cache_age 5\n");

    [Fact]
    public async Task The_install_waits_for_the_locks_within_the_resources_limit_and_asks_for_a_deadline_that_covers_it()
    {
        var connection = Host(new CommandResult(0, string.Empty, string.Empty), out var sent);
        var change = Change(new AptPackages(["nginx"]) { LockTimeout = TimeSpan.FromSeconds(45) });

        await change.Apply(connection.Object, CancellationToken.None);

        var command = Assert.Single(sent);
        Assert.Contains("fb_lock_limit=45;", command.Script, StringComparison.Ordinal);
        Assert.Contains("fb_dpkg_repair; fb_unsafe_io nginx; fb_apt install $fb_fix $fb_io -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -- nginx; fb_apt_report; fb_unsafe_done", command.Script, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(45), command.Timeout);
        Assert.Null(change.AppliedNote?.Invoke());
    }

    [Fact]
    public async Task An_old_cache_is_refreshed_through_the_same_wait()
    {
        var connection = Host(new CommandResult(0, string.Empty, string.Empty), out var sent);
        var change = new AptPackages(["nginx"], TimeSpan.FromMinutes(1)).Compare(new ProbeResult(0, "cache_age 99999\n"), new PlanContext(HostFacts.Debian12))!;

        await change.Apply(connection.Object, CancellationToken.None);

        Assert.Contains("fi; fb_mark_dir=/var/lib/foobar-provision\n", Assert.Single(sent).Script, StringComparison.Ordinal);
        Assert.Contains("fb_dpkg_repair; fb_unsafe_io nginx; fb_apt install", Assert.Single(sent).Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_fetches_translations_only_where_the_host_already_has_them()
    {
        var connection = Host(new CommandResult(0, string.Empty, string.Empty), out var sent);
        var change = new AptPackages(["nginx"], TimeSpan.FromMinutes(1)).Compare(new ProbeResult(0, "cache_age 99999\n"), new PlanContext(HostFacts.Debian12))!;

        await change.Apply(connection.Object, CancellationToken.None);

        Assert.Contains(
            "if ls /var/lib/apt/lists/*_i18n_Translation-* >/dev/null 2>&1; then fb_apt update -q; else fb_apt update -q -o Acquire::Languages=none; fi; ",
            Assert.Single(sent).Script,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_is_added_to_the_report_with_its_length_and_the_holder()
    {
        var connection = Host(new CommandResult(0, "fb-apt-lock-waited 37 1234 unattended-upgr\n", string.Empty), out _);
        var change = Change(new AptPackages(["nginx"]));

        await change.Apply(connection.Object, CancellationToken.None);

        Assert.Equal("waited 37 s for the package manager's lock (held by unattended-upgr (pid 1234))", change.AppliedNote?.Invoke());
    }

    [Fact]
    public async Task An_interrupted_dpkg_is_finished_before_the_install_and_the_report_says_so()
    {
        var connection = Host(new CommandResult(0, "fb-dpkg-repaired\nfb-apt-lock-waited 3 77 dpkg\n", string.Empty), out var sent);
        var change = Change(new AptPackages(["nginx"]));

        await change.Apply(connection.Object, CancellationToken.None);

        var script = Assert.Single(sent).Script;
        Assert.Contains("dpkg --configure -a", script, StringComparison.Ordinal);
        Assert.Contains("ls -A /var/lib/dpkg/updates", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("fb_dpkg_repair;", StringComparison.Ordinal) < script.IndexOf("fb_apt install", StringComparison.Ordinal));
        Assert.Equal("waited 3 s for the package manager's lock (held by dpkg (pid 77)); finished an interrupted dpkg run first (dpkg --configure -a, then the install with -f)", change.AppliedNote?.Invoke());
    }

    [Fact]
    public async Task A_lock_held_past_the_limit_fails_the_resource_clearly_with_what_to_do()
    {
        var connection = Host(new CommandResult(AptLockWait.TimedOut, "fb-apt-lock-timeout 120 1234 unattended-upgr\n", "the package manager's lock is still held after 120 s"), out _);
        var change = Change(new AptPackages(["nginx"]));

        var exception = await Assert.ThrowsAsync<ResourceFailedException>(() => change.Apply(connection.Object, CancellationToken.None));

        Assert.Equal("waited 120 s for the package manager's lock, still held by unattended-upgr (pid 1234); nothing was installed", exception.Message);
        Assert.Contains("apt_lock_timeout", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_takes_the_hosts_lock_timeout()
    {
        var merged = AptPackages.Merge([new AptPackages(["nginx"]), new AptPackages(["cron"])], TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), merged.LockTimeout);
        Assert.Equal(["nginx", "cron"], merged.Packages);
    }

    private static ResourceChange Change(AptPackages packages) =>
        packages.Compare(NothingInstalled, new PlanContext(HostFacts.Debian12)) ?? throw new InvalidOperationException("no change");

    private static Mock<IHostConnection> Host(CommandResult result, out List<RemoteCommand> sent)
    {
        var commands = new List<RemoteCommand>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => commands.Add(command))
            .ReturnsAsync(result);
        sent = commands;
        return connection;
    }
}
