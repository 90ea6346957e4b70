using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Tests.Transport;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Resources;

/// <summary>Services are held back while packages install, and the hold (policy-rc.d) never stays behind, even after a killed install.</summary>
public sealed class AptPackagesServiceHoldTests : IDisposable
{
    private const string HostPolicy = "#!/bin/sh\n# the administrator's own\nexit 0\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Policy => Path.Combine(_directory.Path, "policy-rc.d");

    [Fact]
    public void The_hold_says_101_to_every_start_while_the_script_runs_and_goes_when_it_ends()
    {
        var output = Run(Functions + "trap 'fb_release' EXIT; fb_hold; \"$fb_policy\" nginx start && echo allowed || echo \"refused $?\"; ls \"$fb_policy\"*");

        Assert.Equal(["refused 101", Policy], output);
        Assert.False(File.Exists(Policy));
    }

    [Fact]
    public void A_hosts_own_policy_is_kept_and_obeyed()
    {
        File.WriteAllText(Policy, HostPolicy);

        Run(Functions + "trap 'fb_release' EXIT; fb_hold");

        Assert.Equal(HostPolicy, File.ReadAllText(Policy));
    }

    [Fact]
    public void A_hold_that_a_killed_install_left_is_taken_over_and_removed_at_the_end()
    {
        Run(Functions + "fb_hold; kill -9 $$");
        Assert.Contains(AptPackages.HoldMark, File.ReadAllText(Policy), StringComparison.Ordinal);

        Run(Functions + "trap 'fb_release' EXIT; fb_hold; grep -c 'exit 101' \"$fb_policy\"");

        Assert.False(File.Exists(Policy));
    }

    [Fact]
    public void The_install_holds_services_and_releases_them_on_any_exit()
    {
        var script = SentScript(new AptPackages(["nginx"]).Compare(new ProbeResult(0, "cache_age 5\n"), new PlanContext(HostFacts.Debian12))!);

        Assert.Contains("trap 'fb_release; rm -f \"$fb_err\"' EXIT; fb_hold; set -e; ", script, StringComparison.Ordinal);
        Assert.Contains("fb_policy=/usr/sbin/policy-rc.d; fb_hold_mark='" + AptPackages.HoldMark + "'\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_finds_a_left_hold_and_only_ours()
    {
        var probe = new AptPackages(["nginx"]).ProbeScript.Text;
        var fragment = probe[probe.IndexOf("if [ -e ", StringComparison.Ordinal)..].Replace(AptPackages.PolicyPath, Policy, StringComparison.Ordinal);

        File.WriteAllText(Policy, HostPolicy);
        Assert.Empty(Run(fragment));

        File.Delete(Policy);
        Run(Functions + "fb_hold; kill -9 $$");
        Assert.Equal(["policy_hold_left"], Run(fragment));
    }

    [Fact]
    public void A_converged_host_with_a_left_hold_gets_it_removed_once_no_process_holds_the_locks()
    {
        var probe = new ProbeResult(0, "nginx install ok installed\ncache_age 5\npolicy_hold_left\n");
        var change = new AptPackages(["nginx"]).Compare(probe, new PlanContext(HostFacts.Debian12))!;
        Run(Functions + "fb_hold; kill -9 $$");

        var script = SentScript(change);
        Run(script.Replace(AptPackages.PolicyPath, Policy, StringComparison.Ordinal).Replace(string.Join(' ', AptLockWait.LockFiles), Path.Combine(_directory.Path, "lock"), StringComparison.Ordinal));

        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.Equal("remove the policy-rc.d that a killed package install left (it keeps services from starting)", change.Summary);
        Assert.Contains("while fb_h=$(fb_lock_holder) && [ -n \"$fb_h\" ]; do fb_holder=$fb_h; fb_wait_once; done; fb_release", script, StringComparison.Ordinal);
        Assert.False(File.Exists(Policy));
    }

    [Fact]
    public void An_install_says_it_also_removes_a_left_hold()
    {
        var change = new AptPackages(["nginx"]).Compare(new ProbeResult(0, "cache_age 5\npolicy_hold_left\n"), new PlanContext(HostFacts.Debian12))!;

        Assert.Equal("install nginx; the policy-rc.d that a killed package install left (it keeps services from starting) goes after it", change.Summary);
    }

    [Fact]
    public void A_converged_host_without_a_left_hold_needs_nothing()
    {
        Assert.Null(new AptPackages(["nginx"]).Compare(new ProbeResult(0, "nginx install ok installed\ncache_age 5\n"), new PlanContext(HostFacts.Debian12)));
    }

    private string Functions => AptPackages.HoldFunctions(Policy).Text;

    private static string SentScript(ResourceChange change)
    {
        var sent = new List<RemoteCommand>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => sent.Add(command))
            .ReturnsAsync(new CommandResult(0, string.Empty, string.Empty));
        change.Apply(connection.Object, CancellationToken.None).GetAwaiter().GetResult();
        return Assert.Single(sent).Script;
    }

    /// <summary>Runs <paramref name="script"/> in a real /bin/sh; returns its output lines (a shell killed by its own script counts as ended).</summary>
    private static string[] Run(string script)
    {
        var (exit, output, error) = LocalProcess.Shell(script);
        Assert.True(exit is 0 or 137 or -9, $"exit {exit}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
