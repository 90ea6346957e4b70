using System.Collections.Concurrent;
using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Rolling;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using FakeHost = FooBar.Provision.Testing.FakeHost;

namespace FooBar.Provision.Tests.Rolling;

/// <summary>An inventory of web servers behind load balancers, on fake hosts, with one log of what happened in order.</summary>
internal sealed class RolloutKit
{
    public RolloutKit(int webServers, int balancers = 1, string? serial = null, int? maxFail = null)
    {
        Balancer = new FakeBalancerRole(Log);
        App = new ReleaseRole(Log);
        var hosts = new List<HostEntry>();
        for (var i = 1; i <= balancers; i++)
        {
            hosts.Add(new HostEntry($"lb{i}", $"192.0.2.1{i}") { Groups = ["lb"], Roles = ["balancer"] });
        }

        for (var i = 1; i <= webServers; i++)
        {
            hosts.Add(new HostEntry($"web{i}", $"192.0.2.2{i}") { Groups = ["web"], Roles = ["app"] });
        }

        var rollouts = new Dictionary<string, GroupRollout>();
        if (serial is not null || maxFail is not null)
        {
            rollouts["web"] = new GroupRollout(serial is null ? null : BatchSize.TryParse(serial, out _), maxFail ?? 0);
        }

        Inventory = new InventoryView(hosts) { Rollouts = rollouts };
        foreach (var host in hosts)
        {
            var fake = new FakeHost(host.Name);
            if (host.Groups.Contains("web"))
            {
                fake.WithSymlink("/srv/app/current", "releases/r1");
            }

            var name = host.Name;
            fake.OnCommand("deploy-now", (_, _) =>
            {
                Log.Enqueue($"converge {name}");
                return Failing.Contains(name) ? new CommandResult(1, "", "deploy failed") : new CommandResult(0, "", "");
            });
            Hosts[host.Name] = fake;
        }
    }

    public ConcurrentQueue<string> Log { get; } = new();

    public HashSet<string> Failing { get; } = [];

    public InventoryView Inventory { get; }

    public Dictionary<string, FakeHost> Hosts { get; } = new(StringComparer.Ordinal);

    public FakeBalancerRole Balancer { get; }

    public ReleaseRole App { get; }

    public static DrainOptions Fast { get; } = new() { PollInterval = TimeSpan.FromMilliseconds(1), HealthSettle = TimeSpan.Zero, HealthTimeout = TimeSpan.FromMilliseconds(200), DrainTimeout = TimeSpan.FromMilliseconds(200) };

    public Task<RunReport> ApplyAsync(string? limit = null, BatchSize? serial = null, int? maxFail = null, CancellationToken cancellationToken = default) =>
        RunAsync(dryRun: false, limit, serial, maxFail, cancellationToken);

    public Task<RunReport> PlanAsync(BatchSize? serial = null) => RunAsync(dryRun: true, null, serial, null, default);

    public IEnumerable<string> Events(string prefix) => Log.Where(e => e.StartsWith(prefix, StringComparison.Ordinal));

    private async Task<RunReport> RunAsync(bool dryRun, string? limit, BatchSize? serial, int? maxFail, CancellationToken cancellationToken)
    {
        var engine = new ProvisionEngine(new RoleCatalog([Balancer, App]), new Connections(Hosts));
        var hosts = Inventory.Hosts.Where(h => limit is null || h.Name.StartsWith(limit, StringComparison.Ordinal)).ToArray();
        var options = new RunOptions { DryRun = dryRun, Inventory = Inventory, Serial = serial, MaxFailPercentage = maxFail, Drain = Fast, Forks = 10 };
        return await engine.RunAsync(hosts, options, cancellationToken: cancellationToken);
    }

    private sealed class Connections(Dictionary<string, FakeHost> hosts) : IConnectionFactory
    {
        public IHostConnection Open(HostEntry entry) => hosts[entry.Name];
    }
}

/// <summary>A load balancer role that fronts the hosts of group web: it logs every state it is asked to set, and answers readings from a script.</summary>
internal sealed class FakeBalancerRole(ConcurrentQueue<string> log) : IRole, IDrainProvider
{
    public string Name => "balancer";

    public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

    public IReadOnlyList<string> RequiredVariables { get; } = [];

    /// <summary>Whether the balancer sees a server up (by server name); up by default.</summary>
    public ConcurrentDictionary<string, bool> Up { get; } = new(StringComparer.Ordinal);

    /// <summary>Sessions a server still has on the first readings after the drain.</summary>
    public int SessionsAfterDrain { get; set; }

    private int _readings;

    public void Build(RoleContext context, RoleBuilder builder)
    {
    }

    public DrainTarget? Fronts(HostEntry balancer, VariableSet variables, HostEntry backend, InventoryView inventory) =>
        inventory.HostsOf("web").Any(h => h.Name == backend.Name) ? new DrainTarget("web", backend.Name) : null;

    public Task SetStateAsync(IHostConnection balancer, DrainTarget target, DrainState state, CancellationToken cancellationToken)
    {
        log.Enqueue($"{state.ToString().ToLowerInvariant()} {target.Server} on {balancer.HostName}");
        return Task.CompletedTask;
    }

    public Task<BalancerReading> ReadAsync(IHostConnection balancer, DrainTarget target, CancellationToken cancellationToken)
    {
        var sessions = Interlocked.Increment(ref _readings) <= 2 ? SessionsAfterDrain : 0;
        var up = Up.GetValueOrDefault(target.Server, true);
        log.Enqueue($"read {target.Server} on {balancer.HostName}");
        return Task.FromResult(new BalancerReading(sessions, up, up ? "UP" : "DOWN (L7STS)"));
    }
}

/// <summary>An application role: a command that deploys, the release link, and a rollback that logs and answers r1.</summary>
internal sealed class ReleaseRole(ConcurrentQueue<string> log) : IRole, IReleaseRollback
{
    public string Name => "app";

    public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

    public IReadOnlyList<string> RequiredVariables { get; } = [];

    public void Build(RoleContext context, RoleBuilder builder)
    {
        builder.Add(new CommandResource("deploy", $"deploy-now") { Creates = "/srv/app/never-made" });
        builder.Add(new SymlinkResource("/srv/app/current", "releases/r2") { Release = true });
    }

    public Task<string> RollBackAsync(RoleContext context, IReadOnlyList<IRole> hostRoles, IHostConnection connection, CancellationToken cancellationToken)
    {
        log.Enqueue($"rollback {context.Host.Name}");
        return Task.FromResult("r1");
    }
}
