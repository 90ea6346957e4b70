using System.Net;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>Deploys that cannot lie: a broken release fails the host and is switched back, under a bounded request loop.</summary>
[Collection(GunicornRolesCollection.Name)]
public sealed class DeployTruthTests(GunicornRolesFixture stack, ITestOutputHelper output)
{
    private const int Host = GunicornRolesFixture.Host;
    private const string Domain = GunicornRolesFixture.Domain;

    [Fact]
    public async Task A_password_of_every_awkward_character_goes_through_mariadb_config_ini_and_the_app()
    {
        Assert.True(stack.FirstApply.Exit == 0, stack.FirstApply.Raw);
        Assert.True(RolesLab.Changed(stack.SecondApply.Report) == 0, stack.SecondApply.Raw);
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, Domain, "/health"));
        var first = await Site.VisitsAsync(Host, Domain);
        Assert.Equal(first + 1, await Site.VisitsAsync(Host, Domain));
        Assert.Contains("password = it%27s%20%22q%22%20%5C%20%24x", Lab.Ssh(Host, "cat /srv/foobar/shared/config.ini"), StringComparison.Ordinal);
        Assert.DoesNotContain("it%27s", stack.FirstApply.Raw + stack.SecondApply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_release_under_load_fails_the_apply_is_switched_back_and_the_next_good_one_converges()
    {
        const int Tries = 2;
        var inconsistent = 0;
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var previous = RolesLab.Current(Host);
            var broken = RolesLab.CopyOfTheApp("python");
            File.AppendAllText(Path.Combine(broken, "foobar_app.py"), $"\nraise RuntimeError('release {attempt} is broken on purpose')\n");

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            var load = RolesLab.RequestLoopAsync(Host, Domain, maxRequests: 200, maxDuration: TimeSpan.FromSeconds(30), pace: TimeSpan.FromMilliseconds(120), stop.Token);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var deploy = await Task.Run(() => Provision.Run("apply", stack.Inventory, "--var", $"app_source={broken}"));
            var seconds = clock.Elapsed.TotalSeconds;
            var (sent, failed) = await load;
            var servesOld = RolesLab.Current(Host) == previous && await RolesLab.StatusAsync(Host, Domain, "/health") == HttpStatusCode.OK;
            inconsistent += servesOld ? 0 : 1;
            output.WriteLine($"try {attempt}: broken release apply exit {deploy.Exit} after {seconds:F1} s; {sent} requests, {failed} failed; previous release serves again: {servesOld}");

            Assert.True(deploy.Exit == 1, deploy.Output + deploy.Error);
            Assert.Contains($"release {attempt} is broken on purpose", deploy.Output, StringComparison.Ordinal);
            Assert.Contains("put back", deploy.Output, StringComparison.Ordinal);
            Assert.Contains("the previous state answers again", deploy.Output, StringComparison.Ordinal);
            Assert.True(servesOld, $"the previous release {previous} does not serve: current is {RolesLab.Current(Host)}");
            Assert.True(sent >= 100, $"only {sent} requests were sent");
        }

        var good = RolesLab.NewGoodRelease("python");
        var next = Provision.Json("apply", stack.Inventory, "--var", $"app_source={good}");
        var after = Provision.Json("apply", stack.Inventory, "--var", $"app_source={good}");
        output.WriteLine($"tries {Tries}, hosts left inconsistent {inconsistent}; good release: exit {next.Exit}, then changed={RolesLab.Changed(after.Report)}");
        Assert.True(next.Exit == 0, next.Raw);
        Assert.True(after.Exit == 0 && RolesLab.Changed(after.Report) == 0, after.Raw);
        Assert.Equal(0, inconsistent);
        stack.Converge();
    }

    [Fact]
    public async Task Rollback_starts_a_stopped_app_server_and_succeeds_when_the_site_serves()
    {
        var previous = RolesLab.Current(Host);
        var deploy = Provision.Json("apply", stack.Inventory, "--var", $"app_source={RolesLab.NewGoodRelease("python")}");
        Assert.True(deploy.Exit == 0, deploy.Raw);
        Lab.Ssh(Host, "systemctl stop foobar");

        var rollback = Provision.Run("rollback", stack.Inventory);

        Assert.True(rollback.Exit == 0, rollback.Output + rollback.Error);
        Assert.Contains("answering", rollback.Output, StringComparison.Ordinal);
        Assert.Equal(previous, RolesLab.Current(Host));
        Assert.Equal("active", Lab.Ssh(Host, "systemctl is-active foobar").Trim());
        Assert.Equal(HttpStatusCode.OK, await RolesLab.StatusAsync(Host, Domain, "/health"));
        stack.Converge();
    }
}
