using FooBar.Provision.Cli;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Cli;

/// <summary>Runs <c>provision</c> in-process with string writers, a given transport and a given environment.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(IConnectionFactory connections, Func<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(
            () => connections,
            environment,
            BuiltInRoles.Catalog,
            () => false);
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, services);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliResult> RunAsync(MockHosts hosts, params string[] args) => RunAsync(hosts.Factory.Object, _ => null, args);
}
