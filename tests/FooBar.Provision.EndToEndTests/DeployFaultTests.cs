using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A release switch interrupted between the switch and its reload (the health check after it), and a good release
/// switched under a bounded request loop. Each asserts the host is consistent afterwards, that the next apply finishes
/// the job and that the one after changes nothing.
/// </summary>
[Collection(DeployFaultCollection.Name)]
public sealed class DeployFaultTests(DeployFaultFixture lab, ITestOutputHelper output)
{
    private const int Host = DeployFaultFixture.Host;
    private const string Reload = "reload app-server";
    private const int MaxTries = 4;

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public async Task A_controller_killed_after_the_release_switch_owes_the_reload_which_the_next_apply_runs_with_its_health_check(string signal)
    {
        // The controller is paused (SIGSTOP) the moment `current` points at the new release, as seen through the host's
        // root directory on this machine; a try counts when the reload was then still owed (the journal names it).
        var tries = 0;
        string? marker = null;
        string[] vars = [];
        while (marker is null && tries < MaxTries)
        {
            tries++;
            var candidate = Interruptions.NewMarker();
            vars = ["--var", "app_source=" + Interruptions.Release(candidate)];
            var previous = Interruptions.Current(Host);
            using var controller = Interruptions.Start(["apply", lab.Inventory, .. vars]);
            var switched = Interruptions.Until(() => Interruptions.Current(Host) != previous || controller.HasExited, TimeSpan.FromMinutes(2));
            Interruptions.Signal("STOP", controller.Id);
            Assert.True(switched, "the release was not switched within 2 minutes");
            if (!controller.HasExited && File.Exists(Interruptions.Root(Host) + Interruptions.Journal) &&
                File.ReadAllText(Interruptions.Root(Host) + Interruptions.Journal).Contains($"\"{Reload}\"", StringComparison.Ordinal))
            {
                marker = candidate;
                Interruptions.End(controller, signal);
            }
            else
            {
                // Too late: the reload ran already. Let this run finish, and try again with another release.
                Interruptions.Signal("CONT", controller.Id);
                Assert.True(controller.WaitForExit(120_000), "the apply did not finish");
                lab.Marker = candidate;
            }
        }

        Assert.True(marker is not null, $"the controller could not be stopped between the switch and the reload in {MaxTries} tries");
        Assert.True(File.Exists(Interruptions.Root(Host) + Interruptions.Journal), "the owed reload is recorded on the host");
        var afterKill = await Interruptions.InconsistenciesAsync(Host, marker: null);
        var previousServes = (await Interruptions.InconsistenciesAsync(Host, lab.Marker)).Count == 0;
        lab.Marker = marker;
        Assert.Empty(afterKill);

        var plan = Provision.Json(["plan", lab.Inventory, .. vars]);
        Assert.True(plan.Exit == 2, plan.Raw);
        var owed = Assert.Single(Provision.Handlers(plan.Report), h => h.GetProperty("name").GetString() == Reload);
        Assert.True(owed.GetProperty("owed").GetBoolean(), plan.Raw);
        Assert.DoesNotContain(Provision.Ids(plan.Report, "pending"), id => id.StartsWith("release[", StringComparison.Ordinal) || id.StartsWith("symlink[", StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        var apply = Provision.Json(["apply", lab.Inventory, .. vars]);
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.True(apply.Exit == 0, apply.Raw);
        var paid = Assert.Single(Provision.Handlers(apply.Report), h => h.GetProperty("name").GetString() == Reload);
        Assert.True(paid.GetProperty("owed").GetBoolean(), apply.Raw);
        var final = await FinallyConvergedAsync(vars, marker);

        output.WriteLine($"SIG{signal} after the release switch, before its reload: tries {tries}, hosts left inconsistent {(final.Count == 0 ? 0 : 1)}; " +
                         $"right after the kill: the {(previousServes ? "previous" : "new")} release serving; the next apply paid the owed reload and its health check in {seconds:0.0} s");
    }

    [Fact]
    public async Task A_good_release_switched_under_a_bounded_request_loop_drops_no_request_and_then_serves()
    {
        var marker = Interruptions.NewMarker();
        string[] vars = ["--var", "app_source=" + Interruptions.Release(marker)];

        // At most 300 requests in at most 30 s, only to the lab host's address; the loop ends by itself, or 1 s after the apply.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var load = RequestLoopAsync(maxRequests: 300, stop.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        var apply = await Task.Run(() => Provision.Json(["apply", lab.Inventory, .. vars]));
        var deploySeconds = clock.Elapsed.TotalSeconds;
        stop.CancelAfter(TimeSpan.FromSeconds(1));
        var (sent, failed, newSeen) = await load;

        Assert.True(apply.Exit == 0, apply.Raw);
        lab.Marker = marker;
        Assert.Contains(Reload, Provision.Handlers(apply.Report).Select(h => h.GetProperty("name").GetString()));
        var final = await FinallyConvergedAsync(vars, marker);
        output.WriteLine($"good release switched under load: tries 1, hosts left inconsistent {(final.Count == 0 ? 0 : 1)}, requests {sent} sent, {failed} failed, " +
                         $"{newSeen} answered by the new release; the apply took {deploySeconds:0.0} s");
        Assert.True(sent >= 50, $"only {sent} requests were sent");
        Assert.True(newSeen > 0, "no request during the loop was answered by the new release");
        Assert.Equal(0, failed);
    }

    // The next apply already ran: the one after changes nothing, the journal is gone and the host serves the release.
    private async Task<IReadOnlyList<string>> FinallyConvergedAsync(string[] vars, string marker)
    {
        var again = Provision.Json(["apply", lab.Inventory, .. vars]);
        var problems = await Interruptions.InconsistenciesAsync(Host, marker);
        Assert.True(again.Exit == 0 && Interruptions.Changed(again.Report) == 0 && Provision.Handlers(again.Report).Count == 0, again.Raw);
        Assert.False(File.Exists(Interruptions.Root(Host) + Interruptions.Journal), "the journal is gone once everything was paid");
        Assert.Empty(problems);
        return problems;
    }

    // Page requests through nginx (the app and the database answer each), paced; counts the answers that were not 200
    // and those that came from the release being deployed.
    private async Task<(int Sent, int Failed, int NewSeen)> RequestLoopAsync(int maxRequests, CancellationToken token)
    {
        int sent = 0, failed = 0, newSeen = 0;
        var old = lab.Marker;
        var clock = Stopwatch.StartNew();
        while (sent < maxRequests && !token.IsCancellationRequested && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            sent++;
            try
            {
                using var response = await Site.GetAsync(Host, Interruptions.Domain, "/");
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                newSeen += response.StatusCode == HttpStatusCode.OK && !body.Contains($"release {old}</h1>", StringComparison.Ordinal) ? 1 : 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failed++;
            }

            await Task.Delay(15, CancellationToken.None);
        }

        return (sent, failed, newSeen);
    }
}
