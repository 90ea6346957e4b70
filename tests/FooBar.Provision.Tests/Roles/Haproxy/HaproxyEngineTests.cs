using FooBar.Provision.Reporting;
using FooBar.Provision.Testing;
using static FooBar.Provision.Tests.Roles.Haproxy.HaproxyFixture;

namespace FooBar.Provision.Tests.Roles.Haproxy;

/// <summary>The haproxy role run by the real engine against the test kit's fake host: converge, idempotence, reload, a bad configuration put back.</summary>
public sealed class HaproxyEngineTests
{
    [Fact]
    public async Task First_apply_installs_writes_and_starts_haproxy_and_a_second_apply_changes_nothing()
    {
        var harness = Harness();

        var converged = await harness.ConvergeAsync();

        converged.FirstApply.AssertChanged("packages[haproxy,socat]", $"file[{Config}]", "service[haproxy]");
        Assert.True(harness.Host.Service("haproxy").Running);
        Assert.Equal(0, harness.Host.Service("haproxy").Reloads);
        Assert.Contains("server web1 192.0.2.21:80", harness.Host.File(Config).Text, StringComparison.Ordinal);
        Assert.Equal(HostStatus.Ok, converged.SecondApply.Host.Status);
    }

    [Fact]
    public async Task A_new_backend_host_shows_in_the_plan_and_is_added_by_one_checked_reload()
    {
        var harness = Harness();
        await harness.ApplyAsync();
        harness.WithInventory(HaInventory(new FooBar.Provision.Inventory.HostEntry("web3", "192.0.2.23") { Groups = ["web"] }));

        var plan = await harness.PlanAsync();
        var apply = await harness.ApplyAsync();

        Assert.Contains("+  server web3 192.0.2.23:80", plan.AssertReadOnly().AssertChanged($"file[{Config}]").Resource($"file[{Config}]").Diff, StringComparison.Ordinal);
        apply.AssertChanged($"file[{Config}]").AssertHandlerRan("reload haproxy").AssertSent("haproxy -c -f /etc/haproxy/haproxy.cfg");
        Assert.Equal(1, harness.Host.Service("haproxy").Reloads);
    }

    [Fact]
    public async Task A_configuration_haproxy_refuses_is_put_back_and_haproxy_is_not_reloaded()
    {
        var harness = Harness();
        await harness.ApplyAsync();
        var before = harness.Host.File(Config).Text;
        harness.Host.FailOn("haproxy -c", 1, "[ALERT] config : parsing [/etc/haproxy/haproxy.cfg:40] : unknown keyword");

        var apply = await harness.WithVariable("haproxy_balance", "leastconn").ApplyAsync();

        apply.AssertFailed("unknown keyword");
        Assert.Equal(before, harness.Host.File(Config).Text);
        Assert.Equal(0, harness.Host.Service("haproxy").Reloads);
    }
}
