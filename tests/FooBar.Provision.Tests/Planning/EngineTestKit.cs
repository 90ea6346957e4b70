using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Planning;

/// <summary>Builds engines over fake hosts for the engine's specifications.</summary>
internal static class EngineTestKit
{
    public static HostEntry Host(string name, params string[] roles) =>
        new(name, "192.0.2.1") { Roles = roles };

    public static HostEntry WithVariables(this HostEntry host, params (string Key, object? Value)[] variables) =>
        host with { Variables = new VariableSet(variables.Select(v => KeyValuePair.Create(v.Key, v.Value))) };

    public static async Task<RunReport> RunAsync(IReadOnlyList<IRole> roles, IReadOnlyList<(HostEntry Host, IHostConnection Connection)> hosts, bool dryRun = false) =>
        await RunAsync(roles, hosts, new RunOptions { DryRun = dryRun, Forks = 4 });

    public static async Task<RunReport> RunAsync(IReadOnlyList<IRole> roles, IReadOnlyList<(HostEntry Host, IHostConnection Connection)> hosts, RunOptions options, IRunObserver? observer = null)
    {
        var factory = new Mock<IConnectionFactory>(MockBehavior.Strict);
        foreach (var (host, connection) in hosts)
        {
            factory.Setup(f => f.Open(It.Is<HostEntry>(h => h.Name == host.Name))).Returns(connection);
        }

        var engine = new ProvisionEngine(new RoleCatalog(roles), factory.Object);
        return await engine.RunAsync(hosts.Select(h => h.Host).ToArray(), options, observer);
    }

    public static Task<RunReport> RunAsync(IRole role, FakeHost host, bool dryRun = false) =>
        RunAsync([role], [(Host(host.HostName, role.Name), host)], dryRun);
}
