using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The HA topology under a bounded request loop through the virtual IP (issue 11 item 4). Each test prints, and appends to
/// artifacts/e2e-ha.log, the requests it sent and how many failed, and leaves the topology steady for the next.
/// </summary>
[Collection(HaTopologyCollection.Name)]
public sealed class HaTopologyTests(HaTopologyFixture ha, ITestOutputHelper output)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task The_whole_topology_converges_from_nothing_and_a_second_apply_changes_nothing()
    {
        Report($"cold converge (one apply) {ha.ColdSeconds:F1} s, second apply {ha.SecondSeconds:F2} s changed={RolesLab.Changed(ha.SecondApply.Report)}");

        Assert.True(ha.ColdApply.Exit == 0, ha.ColdApply.Raw);
        Assert.True(ha.SecondApply.Exit == 0 && RolesLab.Changed(ha.SecondApply.Report) == 0, ha.SecondApply.Raw);
        ha.AssertSteady();
        var load = new VipLoad();
        await load.RunAsync(maxRequests: 20, TimeSpan.FromSeconds(10), Pace, CancellationToken.None);
        Assert.True(load.Failed == 0, load.ToString());
    }

    [Fact]
    public async Task Stopping_one_web_server_costs_at_most_the_requests_in_flight_during_the_health_check_window_then_none()
    {
        ha.AssertSteady();

        var (load, stopped, down) = await FaultUnderLoadAsync(
            () => Lab.Ssh(HaLab.Web1, "systemctl stop nginx"),
            () => HaLab.ServerStatus(HaLab.Lb1, "web1").StartsWith("DOWN", StringComparison.Ordinal),
            "haproxy on lb1 never took web1 out",
            () => Lab.Ssh(HaLab.Web1, "systemctl start nginx"));

        var inWindow = load.FailedAfter(stopped) - load.FailedAfter(down);
        Report(string.Create(CultureInfo.InvariantCulture, $"web1's nginx stopped: out of rotation {down - stopped:F1} s later; {load.SentAfter(stopped) - load.SentAfter(down)} requests in that window, {inWindow} failed; after it {load.SentAfter(down)} sent, {load.FailedAfter(down)} failed; whole loop {load}"));
        Assert.True(load.FailedAfter(down) == 0, load.ToString());
        Assert.True(inWindow <= load.SentAfter(stopped) - load.SentAfter(down), load.ToString());
        ha.AssertSteady();
    }

    [Fact]
    public async Task Stopping_haproxy_on_the_active_load_balancer_moves_the_virtual_ip_and_the_site_answers_again_within_seconds()
    {
        ha.AssertSteady();

        var (load, stopped, moved) = await FaultUnderLoadAsync(
            () => Lab.Ssh(HaLab.Lb1, "systemctl stop haproxy"),
            () => HaLab.VipHolder() == HaLab.Lb2,
            "the virtual IP never moved to lb2",
            () => Lab.Ssh(HaLab.Lb1, "systemctl start haproxy"));

        var outage = load.OutageAfter(stopped);
        Report(string.Create(CultureInfo.InvariantCulture, $"haproxy stopped on lb1: virtual IP on lb2 {moved - stopped:F1} s later (polled), site answered again {outage:F2} s after the stop; {load.SentAfter(stopped)} requests from the stop, {load.FailedAfter(stopped)} failed; whole loop {load}"));
        Assert.True(outage is not null && outage < 10, $"the site did not answer again within 10 s: {load}");
        Assert.True(load.FailedAfter(moved + 2) == 0, load.ToString());
        Assert.True(HaLab.WaitFor(() => HaLab.VipHolder() == HaLab.Lb1, TimeSpan.FromSeconds(30)), "the virtual IP did not come back to lb1 once its haproxy ran again");
        ha.AssertSteady();
    }

    [Fact]
    public async Task A_visit_written_on_the_primary_is_readable_on_the_replica_within_1_s()
    {
        // The visit is committed on db1 after the request was sent and before its answer arrived: the time from the
        // sending to db2 showing it bounds the lag from above, the time from the answer from below.
        var lags = new List<(double Upper, double Lower)>();
        for (var i = 0; i < 5; i++)
        {
            using var poll = ReplicaPoll.Start();
            var sent = DateTimeOffset.UtcNow;
            using var response = await Site.GetAsync(HaLab.VirtualIp, HaLab.Domain, "/");
            var answered = DateTimeOffset.UtcNow;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (seenAt, count) = poll.Seen();
            var visits = Site.ParseVisits(await response.Content.ReadAsStringAsync());
            Assert.True(count >= visits, $"the replica has {count} visits, the primary answered {visits}");
            lags.Add(((seenAt - sent).TotalSeconds, Math.Max(0, (seenAt - answered).TotalSeconds)));
        }

        Report(string.Create(CultureInfo.InvariantCulture, $"replication: a visit readable on db2 at most {string.Join(", ", lags.Select(l => $"{l.Upper * 1000:F0}"))} ms after the request was sent (at least {string.Join(", ", lags.Select(l => $"{l.Lower * 1000:F0}"))} ms after its answer; db2 read every 20 ms)"));
        Assert.All(lags, l => Assert.True(l.Upper < 1, $"{l.Upper:F3} s"));
    }

    [Fact]
    public void The_firewalls_let_only_the_load_balancers_reach_http_and_only_the_web_servers_reach_mariadb()
    {
        var db1 = Lab.Address(HaLab.Db1);
        var web1 = Lab.Address(HaLab.Web1);
        var checks = new (int From, string To, int Port, bool Open)[]
        {
            (HaLab.Lb1, db1, 3306, false),
            (HaLab.Lb2, db1, 3306, false),
            (HaLab.Web1, db1, 3306, true),
            (HaLab.Web2, db1, 3306, true),
            (HaLab.Lb1, web1, 80, true),
            (HaLab.Db1, web1, 80, false),
        };

        var seen = checks.Select(c => (c, Open: HaLab.PortOpen(c.From, c.To, c.Port))).ToArray();

        Report(string.Join("; ", seen.Select(s => $"{HaLab.Name(s.c.From)} -> {s.c.To}:{s.c.Port} {(s.Open ? "open" : "closed")}")));
        Assert.All(seen, s => Assert.True(s.Open == s.c.Open, $"{HaLab.Name(s.c.From)} -> {s.c.To}:{s.c.Port} is {(s.Open ? "open" : "closed")}"));
    }

    // Under the request loop: 3 s of steady load, then the fault; waits (bounded) until the topology reacted, 5 s more,
    // then stops the loop and undoes the fault. Returns the loop and the times of the fault and of the reaction on its clock.
    private static async Task<(VipLoad Load, double Fault, double Reacted)> FaultUnderLoadAsync(Action fault, Func<bool> reacted, string never, Action undo)
    {
        var load = new VipLoad();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = load.RunAsync(maxRequests: 1200, TimeSpan.FromSeconds(45), Pace, stop.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var at = load.Clock.Elapsed.TotalSeconds;
            fault();
            Assert.True(HaLab.WaitFor(reacted, TimeSpan.FromSeconds(20)), never);
            var reactedAt = load.Clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(5));
            return (load, at, reactedAt);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            undo();
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        HaTopologyFixture.Record(line);
    }
}
