using FooBar.Provision.Cli;
using MyInfra.Roles.Redis;

namespace MyInfra;

// The template's Program.cs holds these statements at the top level; here they sit in a method so that the test
// project compiles them.
internal static class RedisProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        #region program
        var builder = ProvisionApplication.CreateBuilder(args);
        builder.Roles.Add<RedisRole>();
        var app = builder.Build();
        return await app.RunAsync();
        #endregion
    }
}
