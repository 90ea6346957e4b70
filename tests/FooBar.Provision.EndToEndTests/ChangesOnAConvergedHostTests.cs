using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>What a user does to a site that is live: change a setting, ship a release, make a mistake, roll back.</summary>
[Collection(WebStackCollection.Name)]
public sealed class ChangesOnAConvergedHostTests(WebStackFixture stack, ITestOutputHelper output)
{
    private const int Host = WebStackFixture.Host;

    [Fact]
    public void A_changed_template_variable_shows_exactly_that_diff_and_reloads_nginx_once()
    {
        var reloadsBefore = NginxReloads();

        var plan = Provision.Json("plan", stack.Inventory, "--var", "nginx_client_max_body_size=20m");
        var apply = Provision.Json("apply", stack.Inventory, "--var", "nginx_client_max_body_size=20m");
        var reloadsAfter = NginxReloads();
        Provision.Json("apply", stack.Inventory);

        Assert.True(plan.Exit == 2, plan.Raw);
        var pending = Assert.Single(Provision.Resources(plan.Report, "pending"));
        var diff = pending.GetProperty("diff").GetString() ?? "";
        Assert.Contains("-", diff, StringComparison.Ordinal);
        Assert.Contains("client_max_body_size 20m;", diff.Split('\n').Single(l => l.StartsWith('+') && l.Contains("client_max_body_size", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(diff.Split('\n'), l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));
        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.Equal(pending.GetProperty("id").GetString(), Assert.Single(Provision.Ids(apply.Report, "changed")));
        Assert.Equal("reload nginx", Assert.Single(Provision.Handlers(apply.Report)).GetProperty("name").GetString());
        Assert.Equal(reloadsBefore + 1, reloadsAfter);
    }

    [Fact]
    public async Task A_configuration_nginx_rejects_fails_at_validation_and_the_old_one_keeps_serving()
    {
        const string Site = "/etc/nginx/sites-available/foobar.conf";
        var before = Lab.Ssh(Host, $"sha256sum {Site}");

        var apply = Provision.Json("apply", stack.Inventory, "--var", "nginx_extra_config=this is not valid;");

        Assert.True(apply.Exit == 1, apply.Raw);
        Assert.Contains("validation", apply.Raw, StringComparison.Ordinal);
        Assert.Equal(before, Lab.Ssh(Host, $"sha256sum {Site}"));
        using var page = await EndToEndTests.Site.GetAsync(Host, "www.foobar.com", "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var again = Provision.Json("plan", stack.Inventory);
        Assert.True(again.Exit == 0, again.Raw);
    }

    [Fact]
    public async Task A_new_release_under_load_drops_no_request_and_rollback_brings_the_previous_one_back()
    {
        var previous = CurrentRelease();
        var source = SampleApp.Copy();
        File.AppendAllText(Path.Combine(source, "static", "style.css"), "\n/* release " + Guid.NewGuid() + " */\n");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var load = RequestLoopAsync(maxRequests: 2000, stop.Token);
        var deploy = await Task.Run(() => Provision.Json("apply", stack.Inventory, "--var", $"app_source={source}"));
        await stop.CancelAsync();
        var (sent, failed) = await load;

        Assert.True(deploy.Exit == 0, deploy.Raw);
        var deployed = CurrentRelease();
        Assert.NotEqual(previous, deployed);
        output.WriteLine($"requests during the release switch: {sent} sent, {failed} failed");
        Assert.True(sent > 20, $"only {sent} requests were sent");
        Assert.Equal(0, failed);

        var rollback = Provision.Run("rollback", stack.Inventory);
        Assert.True(rollback.Exit == 0, rollback.Output + rollback.Error);
        Assert.Equal(previous, CurrentRelease());
        using var page = await Site.GetAsync(Host, "www.foobar.com", "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static string CurrentRelease() => Lab.Ssh(Host, "readlink /srv/foobar/current").Trim();

    private static int NginxReloads() =>
        int.Parse(Lab.Ssh(Host, "journalctl -u nginx -o cat --no-pager | grep -c '^Reloaded' || true").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    // A bounded loop of page requests (at most maxRequests, and stops with the token): counts what did not answer 200.
    private static async Task<(int Sent, int Failed)> RequestLoopAsync(int maxRequests, CancellationToken token)
    {
        int sent = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        while (sent < maxRequests && !token.IsCancellationRequested && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            sent++;
            try
            {
                using var response = await Site.GetAsync(Host, "www.foobar.com", "/health");
                failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                failed++;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return (sent, failed);
    }
}
