using FooBar.Provision.Inventory;
using FooBar.Provision.Testing;
using MyInfra.Roles.Redis;

namespace MyInfra.Tests;

public sealed class RedisRoleTests
{
    [Fact]
    public async Task Converges_a_host_then_changes_nothing()
    {
        var harness = new RoleHarness(new RedisRole())
            .WithVariable("redis_maxmemory", "1g")
            .WithSecret("redis_password", "s3cret-for-tests");

        var run = await harness.ConvergeAsync(); // plan, apply, apply again: throws unless idempotent

        run.FirstApply
            .AssertChanged("packages[redis-server]", "file[/etc/redis/redis.conf]", "service[redis-server]")
            .AssertNotSent("s3cret-for-tests");
        Assert.Contains("maxmemory 1g\n", harness.Host.File("/etc/redis/redis.conf").Text, StringComparison.Ordinal);
        Assert.Equal("640", harness.Host.File("/etc/redis/redis.conf").Mode);
        Assert.True(harness.Host.Service("redis-server").Running);
    }

    [Fact]
    public async Task A_new_port_restarts_redis_once()
    {
        var harness = new RoleHarness(new RedisRole()).WithSecret("redis_password", "s3cret-for-tests");
        await harness.ApplyAsync();

        var apply = await harness.WithVariable("redis_port", 6380).ApplyAsync();

        apply.AssertChanged("file[/etc/redis/redis.conf]").AssertHandlerRan(RedisRole.Restart);
        Assert.Equal(1, harness.Host.Service("redis-server").Restarts);
    }

    [Fact]
    public async Task A_bad_port_is_refused_before_the_host_is_contacted()
    {
        var harness = new RoleHarness(new RedisRole()).WithSecret("redis_password", "s3cret-for-tests").WithVariable("redis_port", 70000);

        await Assert.ThrowsAsync<InventoryException>(() => harness.PlanAsync());
        Assert.Empty(harness.Host.Sent);
    }
}
