using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace MyInfra.Roles.Redis;

// Every variable the role reads, in one place: name, rule, description, and a default or Required.
internal static class RedisVariables
{
    public static VariableDeclaration Port { get; } = new("redis_port", VariableRules.Port, "where redis listens") { Default = 6379L };

    public static VariableDeclaration MaxMemory { get; } = new("redis_maxmemory", Size, "maxmemory in redis.conf") { Default = "256m" };

    public static VariableDeclaration Password { get; } = new("redis_password", Line, "requirepass; give it as a secret")
    {
        Required = true,
        Secret = SecretUse.Required,
    };

    public static IReadOnlyList<VariableDeclaration> All { get; } = [Port, MaxMemory, Password];
}
