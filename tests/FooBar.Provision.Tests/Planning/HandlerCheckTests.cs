using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A handler's check after its action (a deploy's health check): pass, or put back, run again and fail the host.</summary>
public sealed class HandlerCheckTests
{
    private const string Config = "/etc/app/app.conf";

    [Fact]
    public async Task A_passing_check_keeps_the_change_and_removes_the_backups()
    {
        var host = new FakeHost("web1");
        host.State["file:" + Config] = "old";
        var role = Role(new FileResource(Config, "new") { Notify = ["reload app"] });

        var report = await RunAsync(role, host);

        Assert.Equal(HostStatus.Changed, report.Hosts[0].Status);
        Assert.Equal(ResourceStatus.Changed, Assert.Single(report.Hosts[0].Handlers).Status);
        var sent = host.Sent.Select(c => c.Script).ToList();
        var check = sent.FindIndex(s => s == "app-answers");
        Assert.True(check > sent.FindIndex(s => s.Contains("set-state reloaded yes", StringComparison.Ordinal)), "the check runs after the action");
        Assert.Contains(sent.Skip(check), s => s.StartsWith("rm -f /etc/app/.app.conf.provision-prev", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, s => s.Contains("mv -Tf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_check_puts_the_change_back_runs_the_action_again_and_fails_the_host_with_its_output()
    {
        var host = new FakeHost("web1");
        host.State["file:" + Config] = "old";
        host.FailingCommands["app-answers"] = 1;
        var role = Role(new FileResource(Config, "new") { Notify = ["reload app"] });

        var report = await RunAsync(role, host);

        var hostReport = report.Hosts[0];
        Assert.Equal(HostStatus.Failed, hostReport.Status);
        Assert.Equal(ExitCodes.HostFailed, report.ExitCode);
        var handler = Assert.Single(hostReport.Handlers);
        Assert.Equal(ResourceStatus.Failed, handler.Status);
        Assert.Contains("app-answers failed", handler.Error, StringComparison.Ordinal);
        Assert.Contains("put back", hostReport.Error, StringComparison.Ordinal);
        var sent = host.Sent.Select(c => c.Script).ToList();
        var restore = sent.FindIndex(s => s == "mv -Tf /etc/app/.app.conf.provision-prev /etc/app/app.conf");
        Assert.True(restore > sent.IndexOf("app-answers"), "the file goes back after the failed check");
        Assert.Contains(sent.Skip(restore), s => s.Contains("set-state reloaded yes", StringComparison.Ordinal));
        Assert.Equal(2, sent.Count(s => s == "app-answers"));
    }

    [Fact]
    public async Task After_a_failed_check_the_recovery_script_brings_the_previous_state_back_instead_of_the_action()
    {
        var host = new FakeHost("web1");
        host.State["file:" + Config] = "old";
        host.FailingCommands["app-answers"] = 1;
        var role = new TestRole("r", [new FileResource(Config, "new") { Notify = ["reload app"] }],
            [new Handler("reload app", $"set-state reloaded yes") { CheckScript = $"app-answers", RecoverScript = $"set-state restarted yes" }]);

        await RunAsync(role, host);

        var sent = host.Sent.Select(c => c.Script).ToList();
        var restore = sent.FindIndex(s => s.StartsWith("mv -Tf", StringComparison.Ordinal));
        Assert.Equal("set-state restarted yes", sent[restore + 1]);
        Assert.Equal("yes", host.State["restarted"]);
    }

    [Fact]
    public async Task A_file_that_is_not_revertible_stays_when_the_check_fails()
    {
        var host = new FakeHost("web1");
        host.State["file:" + Config] = "old";
        host.FailingCommands["app-answers"] = 1;
        var role = Role(new FileResource(Config, "password = new") { Notify = ["reload app"], Revertible = false });

        var report = await RunAsync(role, host);

        Assert.Equal(HostStatus.Failed, report.Hosts[0].Status);
        Assert.Equal("password = new", host.State["file:" + Config]);
        Assert.DoesNotContain(host.Sent, c => c.Script.Contains("provision-prev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_check_still_runs_when_starting_the_service_made_the_action_redundant()
    {
        var host = new FakeHost("web1");
        host.FailingCommands["app-answers"] = 1;
        var role = Role(new TestResource("release", "2") { Notify = ["reload app"] }, new StartingService("app") { StartSatisfies = ["reload app"] });

        var report = await RunAsync(role, host);

        Assert.Equal(HostStatus.Failed, report.Hosts[0].Status);
        Assert.Contains(host.Sent, c => c.Script == "app-answers");
        Assert.Contains("app-answers failed", report.Hosts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_covering_restart_whose_check_fails_puts_back_what_the_covered_reload_guarded()
    {
        var host = new FakeHost("web1");
        host.State["file:" + Config] = "old";
        host.FailingCommands["app-answers"] = 1;
        var role = new TestRole("r",
            [new FileResource("/etc/app/unit", "u") { Notify = ["restart app"] }, new FileResource(Config, "new") { Notify = ["reload app"] }],
            [
                new Handler("restart app", $"set-state restarted yes") { CheckScript = $"app-answers", Covers = ["reload app"] },
                new Handler("reload app", $"set-state reloaded yes") { CheckScript = $"app-answers" },
            ]);

        var report = await RunAsync(role, host);

        Assert.Equal("restart app", Assert.Single(report.Hosts[0].Handlers).Name);
        Assert.Contains(host.Sent, c => c.Script.Contains("mv -Tf /etc/app/.app.conf.provision-prev /etc/app/app.conf", StringComparison.Ordinal));
        Assert.Contains(host.Sent, c => c.Script.Contains("rm -f /etc/app/unit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symlink_switch_keeps_the_previous_target_as_its_backup()
    {
        var link = new SymlinkResource("/srv/app/current", "releases/b");
        var host = new FakeHost("web1");

        var change = link.Compare(new ProbeResult(0, "link releases/a\n"), new PlanContext(FakeHost.Facts));

        Assert.NotNull(change?.ApplyWithBackup);
        Assert.Equal("/srv/app/current", change.GuardedPath);
        Assert.True(change.GuardedPathExisted);
        await change.ApplyWithBackup(host, "/srv/app/.current.provision-prev", CancellationToken.None);
        var script = Assert.Single(host.Sent).Script;
        Assert.StartsWith("ln -sfn releases/a /srv/app/.current.provision-prev && ln -sfn releases/b /srv/app/current.provision-new && mv -Tf", script, StringComparison.Ordinal);
    }

    private static TestRole Role(params Resource[] resources) =>
        new("r", resources, [new Handler("reload app", $"set-state reloaded yes") { CheckScript = $"app-answers" }]);
}
