using FooBar.Provision.Cli;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Cli;

/// <summary>Runs <c>provision</c> in-process with string writers, a given transport and a given environment.</summary>
internal static class CliHarness
{
    public static Task<CliResult> RunAsync(IConnectionFactory connections, Func<string, string?> environment, params string[] args) =>
        RunAsync(connections, environment, terminal: false, args);

    public static Task<CliResult> RunAsync(MockHosts hosts, params string[] args) => RunAsync(hosts.Factory.Object, _ => null, args);

    /// <summary>As if standard output were an interactive terminal (live progress and colours).</summary>
    public static Task<CliResult> RunOnTerminalAsync(MockHosts hosts, params string[] args) => RunAsync(hosts.Factory.Object, _ => null, terminal: true, args);

    /// <summary>As if standard output were an interactive terminal, with the given environment.</summary>
    public static Task<CliResult> RunOnTerminalAsync(MockHosts hosts, Func<string, string?> environment, params string[] args) =>
        RunAsync(hosts.Factory.Object, environment, terminal: true, args);

    /// <summary>With plan and apply keeping the hosts' facts in <paramref name="factsCache"/>.</summary>
    public static Task<CliResult> RunWithFactsCacheAsync(MockHosts hosts, string factsCache, params string[] args) =>
        RunAsync(hosts.Factory.Object, _ => null, terminal: false, args, factsCache);

    /// <summary>With the built-in roles and <paramref name="extra"/> ones.</summary>
    public static Task<CliResult> RunWithRolesAsync(MockHosts hosts, IRole[] extra, params string[] args) =>
        RunAsync(hosts.Factory.Object, _ => null, terminal: false, args, catalog: () => extra.Aggregate(BuiltInRoles.Catalog(), (catalog, role) => catalog.Add(role)));

    /// <summary>With services changed by <paramref name="change"/> (another ssh -G, say).</summary>
    public static Task<CliResult> RunWithServicesAsync(MockHosts hosts, Func<CliServices, CliServices> change, params string[] args) =>
        RunAsync(hosts.Factory.Object, _ => null, terminal: false, args, change: change);

    private static async Task<CliResult> RunAsync(IConnectionFactory connections, Func<string, string?> environment, bool terminal, string[] args, string? factsCache = null, Func<RoleCatalog>? catalog = null, Func<CliServices, CliServices>? change = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices(
            () => connections,
            environment,
            catalog ?? BuiltInRoles.Catalog,
            () => terminal,
            factsCache);
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, change is null ? services : change(services));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
