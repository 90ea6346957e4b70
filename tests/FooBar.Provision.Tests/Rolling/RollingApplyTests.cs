using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Tests.Rolling;

/// <summary>A rolling apply: batches in inventory order, stopped by a failed batch, each host drained, converged, checked and put back.</summary>
public sealed class RollingApplyTests
{
    [Fact]
    public async Task Hosts_converge_one_batch_after_another_in_inventory_order()
    {
        var kit = new RolloutKit(webServers: 3, serial: "1");

        var report = await kit.ApplyAsync();

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(["converge web1", "converge web2", "converge web3"], kit.Events("converge"));
        var rollout = Assert.IsType<RolloutReport>(report.Rollout);
        Assert.Equal([["lb1"], ["web1"], ["web2"], ["web3"]], rollout.Batches.Select(b => b.Hosts));
        Assert.All(rollout.Batches, b => Assert.Equal(BatchStatus.Succeeded, b.Status));
        Assert.Null(rollout.StoppedReason);
        Assert.Equal([1, 2, 3, 4], report.Hosts.Select(h => h.Batch ?? 0));
    }

    [Fact]
    public async Task Each_host_is_drained_on_every_balancer_then_converged_then_checked_then_set_ready()
    {
        var kit = new RolloutKit(webServers: 2, balancers: 2, serial: "1");

        await kit.ApplyAsync(limit: "web");

        var events = kit.Log.Where(e => !e.StartsWith("read ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["drain web1 on lb1", "drain web1 on lb2", "converge web1", "ready web1 on lb1", "ready web1 on lb2",
             "drain web2 on lb1", "drain web2 on lb2", "converge web2", "ready web2 on lb1", "ready web2 on lb2"],
            events);
        var log = kit.Log.ToList();
        var checkedAfterConverge = log.Skip(log.IndexOf("converge web1")).TakeWhile(e => e != "ready web1 on lb1").ToArray();
        Assert.Contains("read web1 on lb1", checkedAfterConverge);
        Assert.Contains("read web1 on lb2", checkedAfterConverge);
    }

    [Fact]
    public async Task An_interrupted_rollout_puts_the_drained_host_back_in_rotation_before_it_ends()
    {
        var kit = new RolloutKit(webServers: 2, balancers: 2, serial: "1");
        using var interrupt = new CancellationTokenSource();
        kit.Hosts["web1"].OnCommand("deploy-now", (_, _) =>
        {
            kit.Log.Enqueue("converge web1");
            interrupt.Cancel(); // Ctrl+C while web1 is out of rotation
            return new FooBar.Provision.Transport.CommandResult(0, "", "");
        });

        try
        {
            await kit.ApplyAsync(limit: "web", cancellationToken: interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            // how the engine ends a cancelled run; what matters is the balancers' state below
        }

        var events = kit.Log.Where(e => !e.StartsWith("read ", StringComparison.Ordinal)).ToList();
        Assert.Contains("ready web1 on lb1", events);
        Assert.Contains("ready web1 on lb2", events);
        Assert.True(events.IndexOf("ready web1 on lb1") > events.IndexOf("converge web1"), string.Join(", ", events));
        Assert.DoesNotContain("drain web2 on lb1", events);
    }

    [Fact]
    public async Task The_converge_waits_until_the_drained_host_has_no_session()
    {
        var kit = new RolloutKit(webServers: 1, serial: "1");
        kit.Balancer.SessionsAfterDrain = 3;

        var report = await kit.ApplyAsync(limit: "web");

        var beforeConverge = kit.Log.TakeWhile(e => e != "converge web1").ToArray();
        Assert.Equal(["drain web1 on lb1", "read web1 on lb1", "read web1 on lb1", "read web1 on lb1"], beforeConverge);
        Assert.Contains(report.Hosts[0].Notes, n => n.Contains("drained on lb1 (web/web1): no session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_batch_stops_the_rollout_and_leaves_the_later_hosts_untouched()
    {
        var kit = new RolloutKit(webServers: 3, serial: "1");
        kit.Failing.Add("web2");

        var report = await kit.ApplyAsync(limit: "web");

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["converge web1", "converge web2"], kit.Events("converge"));
        var web3 = report.Hosts.Single(h => h.Host == "web3");
        Assert.Equal(HostStatus.NotRun, web3.Status);
        Assert.Equal("r1", web3.Release);
        Assert.All(kit.Hosts["web3"].Sent, c => Assert.True(c.IsReadOnly, c.Text));
        Assert.Equal([BatchStatus.Succeeded, BatchStatus.Failed, BatchStatus.NotRun], report.Rollout?.Batches.Select(b => b.Status));
        Assert.StartsWith("batch 2 of 3: 1 of 1 host(s) failed, more than max_fail_percentage 0% allows; batch 3 left untouched", report.Rollout?.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(["r2", "r1", "r1"], report.Hosts.Select(h => h.Release));
    }

    [Fact]
    public async Task Failures_within_max_fail_percentage_let_the_rollout_go_on()
    {
        var kit = new RolloutKit(webServers: 4, serial: "2", maxFail: 50);
        kit.Failing.Add("web1");

        var report = await kit.ApplyAsync(limit: "web");

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(4, kit.Events("converge").Count());
        Assert.Null(report.Rollout?.StoppedReason);
    }

    [Fact]
    public async Task More_failures_than_max_fail_percentage_stop_the_rollout()
    {
        var kit = new RolloutKit(webServers: 4, serial: "2", maxFail: 49);
        kit.Failing.Add("web1");

        var report = await kit.ApplyAsync(limit: "web");

        Assert.Equal(2, kit.Events("converge").Count());
        Assert.Equal([HostStatus.NotRun, HostStatus.NotRun], report.Hosts.Where(h => h.Host is "web3" or "web4").Select(h => h.Status));
    }

    [Fact]
    public async Task The_command_line_serial_wins_over_the_groups()
    {
        var kit = new RolloutKit(webServers: 4, serial: "1");

        var report = await kit.ApplyAsync(limit: "web", serial: BatchSize.Percent(50));

        Assert.Equal([["web1", "web2"], ["web3", "web4"]], report.Rollout?.Batches.Select(b => b.Hosts));
    }

    [Fact]
    public async Task A_change_the_balancer_refuses_is_rolled_back_and_stops_the_rollout()
    {
        var kit = new RolloutKit(webServers: 2, serial: "1");
        kit.Balancer.Up["web1"] = false;
        kit.Hosts["web1"].OnCommand("deploy-now", (_, _) =>
        {
            kit.Log.Enqueue("converge web1");
            return new(0, "", "");
        });

        var report = await kit.ApplyAsync(limit: "web");

        var web1 = report.Hosts[0];
        Assert.Equal(HostStatus.Failed, web1.Status);
        Assert.Equal("r1", web1.Release);
        Assert.Contains("rolled back to release r1", web1.Error, StringComparison.Ordinal);
        Assert.Contains("rollback web1", kit.Log);
        Assert.Equal(HostStatus.NotRun, report.Hosts[1].Status);
        Assert.DoesNotContain("converge web2", kit.Log);
        var rotation = Assert.Single(web1.Rotation);
        Assert.False(rotation.BackInRotation);
        Assert.Contains("maint web1 on lb1", kit.Log);
        Assert.DoesNotContain("ready web1 on lb1", kit.Log);
    }

    [Fact]
    public async Task A_host_whose_role_failed_goes_back_in_rotation_only_when_the_balancer_sees_it_up()
    {
        var up = new RolloutKit(webServers: 1, serial: "1");
        up.Failing.Add("web1");
        var down = new RolloutKit(webServers: 1, serial: "1");
        down.Failing.Add("web1");
        down.Balancer.Up["web1"] = false;

        var upReport = await up.ApplyAsync(limit: "web");
        var downReport = await down.ApplyAsync(limit: "web");

        Assert.Contains("ready web1 on lb1", up.Log);
        Assert.True(Assert.Single(upReport.Hosts[0].Rotation).BackInRotation);
        Assert.DoesNotContain("rollback web1", up.Log);
        Assert.Contains("maint web1 on lb1", down.Log);
        Assert.DoesNotContain("ready web1 on lb1", down.Log);
        Assert.Contains("out of rotation on lb1", downReport.Hosts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_nothing_to_change_is_not_taken_out_of_rotation()
    {
        var kit = new RolloutKit(webServers: 2, serial: "1");
        kit.Hosts["web1"].WithFile("/srv/app/never-made", "").WithSymlink("/srv/app/current", "releases/r2");

        var report = await kit.ApplyAsync(limit: "web");

        Assert.Equal(0, report.ExitCode);
        Assert.DoesNotContain(kit.Log, e => e.Contains("web1 on", StringComparison.Ordinal));
        Assert.Contains("drain web2 on lb1", kit.Log);
        Assert.Equal(HostStatus.Ok, report.Hosts[0].Status);
        Assert.Contains("nothing to change: not taken out of rotation", report.Hosts[0].Notes);
        Assert.Equal("r2", report.Hosts[0].Release);
    }

    [Fact]
    public async Task A_plan_touches_no_balancer_and_shows_the_batches_an_apply_would_run()
    {
        var kit = new RolloutKit(webServers: 2, serial: "1");

        var report = await kit.PlanAsync();

        Assert.Empty(kit.Log);
        Assert.All(kit.Hosts.Values.SelectMany(h => h.Sent), c => Assert.True(c.IsReadOnly, c.Text));
        Assert.Equal([BatchStatus.Planned, BatchStatus.Planned, BatchStatus.Planned], report.Rollout?.Batches.Select(b => b.Status));
        Assert.Equal(["r1", "r1"], report.Hosts.Where(h => h.Host.StartsWith("web", StringComparison.Ordinal)).Select(h => h.Release));
    }

    [Fact]
    public async Task Without_a_serial_hosts_run_at_once_and_no_balancer_is_touched()
    {
        var kit = new RolloutKit(webServers: 2);

        var report = await kit.ApplyAsync();

        Assert.Null(report.Rollout);
        Assert.DoesNotContain(kit.Log, e => e.Contains(" on lb", StringComparison.Ordinal));
        Assert.Equal(2, kit.Events("converge").Count());
    }
}
