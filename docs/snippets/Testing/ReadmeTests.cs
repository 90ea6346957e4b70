using FooBar.Provision.Testing;
using MyInfra.Roles.Redis;

namespace MyInfra.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public async Task Redis_converges_and_stays_converged()
    {
        var harness = new RoleHarness(new RedisRole()).WithSecret("redis_password", "s3cret-for-tests");

        var run = await harness.ConvergeAsync();

        run.FirstApply.AssertChanged("packages[redis-server]", "file[/etc/redis/redis.conf]", "service[redis-server]");
        Assert.Contains("port 6379\n", harness.Host.File("/etc/redis/redis.conf").Text, StringComparison.Ordinal);
    }
}
