using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace MyInfra.Roles.Redis;

/// <summary>Redis from Debian's package, its configuration from a template, restarted once when that changed.</summary>
public sealed class RedisRole : RoleBase
{
    public const string Restart = "restart redis";

    public override string Name => "redis";       // the name inventories use
    public override string Folder => "Redis";     // its embedded templates are Redis/templates/…

    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => RedisVariables.All;

    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);

        // The template reads redis_port (a long from 1 to 65535), redis_maxmemory (a size) and redis_password (a secret):
        // already checked and typed by the engine, before any host was contacted.
        builder
            .Add(new AptPackages(["redis-server"]))
            .Add(new FileResource("/etc/redis/redis.conf", context.Render(this, "redis.conf.scriban"), "0640", "redis", "redis")
            {
                Notify = [Restart],
            })
            .Add(new ServiceResource("redis-server") { StartSatisfies = [Restart] }) // a first start reads the new file anyway
            .Handler(new Handler(Restart, $"systemctl restart redis-server"));
    }
}
