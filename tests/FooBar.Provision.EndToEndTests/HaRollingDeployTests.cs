using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// Rolling deploys on the HA topology (issue 11 items 2 and 4) under the bounded request loop through the virtual IP:
/// <c>--serial 1</c> drains each web server through haproxy's runtime socket before changing it.
/// </summary>
[Collection(HaTopologyCollection.Name)]
public sealed class HaRollingDeployTests(HaTopologyFixture ha, ITestOutputHelper output)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_rolling_deploy_with_serial_1_drops_no_request_and_every_web_server_serves_the_new_release()
    {
        ha.AssertSteady();
        var release = RolesLab.NewGoodRelease("python");
        var marker = File.ReadAllLines(Path.Combine(release, "static", "style.css")).Last(l => l.Length > 0);

        var (deploy, load, seconds) = await UnderLoadAsync(() => Provision.Run("apply", HaLab.Inventory, "--serial", "1", "--var", $"app_source={release}"));

        Report($"rolling deploy --serial 1: exit {deploy.Exit} in {seconds:F1} s; requests {load}");
        Assert.True(deploy.Exit == 0, deploy.Output + deploy.Error);
        Assert.True(load.Failed == 0, load.ToString());
        Assert.True(load.Sent >= 100, $"only {load.Sent} requests were sent");
        foreach (var web in new[] { HaLab.Web1, HaLab.Web2 })
        {
            Assert.Contains(marker, HaLab.LocalGet(web, "/static/style.css"), StringComparison.Ordinal);
        }

        ha.AssertSteady();
    }

    [Fact]
    public async Task A_broken_release_stops_at_the_first_batch_and_the_site_keeps_serving_the_old_one()
    {
        ha.AssertSteady();
        var before = new[] { HaLab.Current(HaLab.Web1), HaLab.Current(HaLab.Web2) };
        var broken = SampleApp.Copy();
        File.AppendAllText(Path.Combine(broken, "foobar_app.py"), "\nraise RuntimeError('this release is broken on purpose')\n");

        var (deploy, load, seconds) = await UnderLoadAsync(() => Provision.Run("apply", HaLab.Inventory, "--serial", "1", "--var", $"app_source={broken}"));

        var after = new[] { HaLab.Current(HaLab.Web1), HaLab.Current(HaLab.Web2) };
        Report($"broken release --serial 1: exit {deploy.Exit} in {seconds:F1} s; web1 {(after[0] == before[0] ? "back on" : "NOT on")} the old release, web2 {(after[1] == before[1] ? "untouched" : "CHANGED")}; requests {load}");
        Assert.True(deploy.Exit == 1, deploy.Output + deploy.Error);
        Assert.Contains("this release is broken on purpose", deploy.Output, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.True(load.Failed == 0, load.ToString());
        ha.AssertSteady();
    }

    // Runs the command while the request loop goes on (from 1 s before it to 2 s after it); the loop is bounded by count, time and a token.
    private static async Task<(CliResult Result, VipLoad Load, double Seconds)> UnderLoadAsync(Func<CliResult> command)
    {
        var load = new VipLoad();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var running = load.RunAsync(maxRequests: 4000, TimeSpan.FromMinutes(3), Pace, stop.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await Task.Run(command);
            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            return (result, load, seconds);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        HaTopologyFixture.Record(line);
    }
}
