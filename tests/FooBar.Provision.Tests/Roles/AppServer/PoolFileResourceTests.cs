using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Tests.Planning;

namespace FooBar.Provision.Tests.Roles.AppServer;

/// <summary>A php-fpm pool is checked by php-fpm as a candidate before it replaces anything.</summary>
public sealed class PoolFileResourceTests
{
    private const string Pool = "/etc/php/8.2/fpm/pool.d/foobar.conf";

    [Fact]
    public async Task A_pool_php_fpm_rejects_fails_the_resource_and_writes_nothing()
    {
        var host = new FakeHost("web1");
        host.FailingCommands["php-fpm8.2 -t -y"] = 1;
        var change = Pool_().Compare(new ProbeResult(0, "absent\n"), new PlanContext(FakeHost.Facts));

        var error = await Assert.ThrowsAsync<ResourceFailedException>(() => change!.Apply(host, CancellationToken.None));

        Assert.Contains("php-fpm rejects the new pool", error.Message, StringComparison.Ordinal);
        Assert.False(host.State.ContainsKey("file:" + Pool));
        var check = Assert.Single(host.Sent);
        Assert.Equal("[foobar]\npm.max_children = 1\n", System.Text.Encoding.UTF8.GetString(check.StandardInput!.Value.Span));
    }

    [Fact]
    public async Task An_accepted_pool_is_written_after_the_check()
    {
        var host = new FakeHost("web1");
        var change = Pool_().Compare(new ProbeResult(0, "absent\n"), new PlanContext(FakeHost.Facts));

        await change!.Apply(host, CancellationToken.None);

        Assert.Contains("php-fpm8.2 -t -y", Assert.Single(host.Sent).Script, StringComparison.Ordinal);
        Assert.Equal("[foobar]\npm.max_children = 1\n", host.State["file:" + Pool]);
    }

    [Fact]
    public void The_candidate_is_checked_with_the_other_pools_but_not_the_one_it_replaces_nor_the_default()
    {
        var script = Pool_().CheckScript();

        Assert.Contains("for f in /etc/php/8.2/fpm/pool.d/*.conf; do", script.Text, StringComparison.Ordinal);
        Assert.Contains($"case \"$f\" in {Pool}|/etc/php/8.2/fpm/pool.d/www.conf) ;;", script.Text, StringComparison.Ordinal);
        Assert.Contains("cat > \"$d/pool.d/\"foobar.conf", script.Text, StringComparison.Ordinal);
    }

    private static PoolFileResource Pool_() =>
        new(new FileResource(Pool, "[foobar]\npm.max_children = 1\n") { Notify = ["restart app-server"] }, "php-fpm8.2", "/etc/php/8.2/fpm/pool.d/www.conf");
}
