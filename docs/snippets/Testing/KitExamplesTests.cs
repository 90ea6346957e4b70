using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;
using MyInfra.Roles.Redis;

namespace MyInfra.Tests;

public sealed class KitExamplesTests
{
    [Fact]
    public async Task A_plan_only_reads()
    {
        #region plan
        var harness = new RoleHarness(new RedisRole()).WithSecret("redis_password", "s3cret-for-tests");

        var plan = await harness.PlanAsync();

        plan.AssertReadOnly().AssertChanged("packages[redis-server]", "file[/etc/redis/redis.conf]", "service[redis-server]");
        Assert.Empty(harness.Host.Files);
        #endregion
    }

    [Fact]
    public async Task The_host_starts_from_a_given_state()
    {
        #region seed
        var host = new FakeHost("cache1")
            .WithPackages("redis-server")
            .WithService("redis-server", running: true, enabled: true)
            .WithFile("/etc/redis/redis.conf", "port 6379\n", "644", "redis", "redis");
        var harness = new RoleHarness(host, new RedisRole()).WithSecret("redis_password", "s3cret-for-tests");

        var apply = await harness.ApplyAsync();

        apply.AssertChanged("file[/etc/redis/redis.conf]").AssertHandlerRan(RedisRole.Restart);
        Assert.Contains("+requirepass ********", apply.Resource("file[/etc/redis/redis.conf]").Diff, StringComparison.Ordinal);
        #endregion
    }

    [Fact]
    public async Task A_failed_validation_puts_the_file_back()
    {
        #region fail-on
        var harness = new RoleHarness(new NginxSiteRole());
        harness.Host.WithFile("/etc/nginx/conf.d/site.conf", "server { listen 80; }\n").WithService("nginx");
        harness.Host.FailOn("nginx -t", exitCode: 1, standardError: "unknown directive");

        var apply = await harness.ApplyAsync();

        apply.AssertFailed("unknown directive");
        Assert.Equal("server { listen 80; }\n", harness.Host.File("/etc/nginx/conf.d/site.conf").Text);
        Assert.Equal(0, harness.Host.Service("nginx").Reloads);
        #endregion
    }

    [Fact]
    public async Task A_command_the_host_is_taught()
    {
        #region on-command
        var harness = new RoleHarness(new SeedRole());
        harness.Host.OnCommand("/usr/local/bin/seed-db", (host, script) =>
        {
            host.WithFile("/var/lib/app/.seeded", "");   // what the real script leaves behind
            return new CommandResult(0, "seeded 12 rows\n", "");
        });

        var run = await harness.ConvergeAsync();

        run.FirstApply.AssertChanged("command[seed database]").AssertSent("/usr/local/bin/seed-db");
        #endregion
    }

    [Fact]
    public void What_a_role_declares()
    {
        #region build
        var declared = new RoleHarness(new RedisRole()).WithSecret("redis_password", "s3cret-for-tests").WithVariable("redis_port", 6380).Build();

        Assert.Equal(["packages[redis-server]", "file[/etc/redis/redis.conf]", "service[redis-server]"], declared.Ids());
        Assert.Contains("port 6380\n", declared.File("/etc/redis/redis.conf").Text(), StringComparison.Ordinal);
        #endregion
    }

    private sealed class NginxSiteRole : IRole
    {
        public string Name => "nginx-site";

        public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

        public IReadOnlyList<string> RequiredVariables => [];

        public void Build(RoleContext context, RoleBuilder builder) => builder
            .Add(new FileResource("/etc/nginx/conf.d/site.conf", "server { listen 80; this is wrong; }\n") { Notify = ["reload nginx"] })
            .Handler(new FooBar.Provision.Planning.Handler("reload nginx", $"systemctl reload nginx") { ValidateScript = $"nginx -t" });
    }

    private sealed class SeedRole : IRole
    {
        public string Name => "seed";

        public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

        public IReadOnlyList<string> RequiredVariables => [];

        public void Build(RoleContext context, RoleBuilder builder) =>
            builder.Add(new CommandResource("seed database", $"/usr/local/bin/seed-db") { Creates = "/var/lib/app/.seeded" });
    }
}
