using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Testing;

/// <summary>
/// Runs roles through the real engine against a <see cref="FakeHost"/>: plan, apply, and the whole converge-twice check.
/// </summary>
/// <remarks>
/// Variables are checked against the roles' declarations exactly as <c>provision</c> checks an inventory (a bad value
/// throws <see cref="InventoryException"/> before the host is touched); the roles get the typed values. Each call to
/// <see cref="PlanAsync"/> or <see cref="ApplyAsync"/> is one run of the engine against the same host, whose state
/// carries over from run to run.
/// </remarks>
/// <example>
/// <code>
/// var harness = new RoleHarness(new MotdRole()).WithVariable("motd_text", "Hello");
/// var converged = await harness.ConvergeAsync();     // plan, apply, apply again: throws unless idempotent
/// Assert.Equal("Hello\n", harness.Host.File("/etc/motd").Text);
/// </code>
/// </example>
public sealed class RoleHarness
{
    private readonly IReadOnlyList<IRole> _roles;
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeHost> _peers = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _hostRoles;
    private string _inventoryDirectory = Directory.GetCurrentDirectory();
    private InventoryView? _inventory;

    /// <summary>Creates a harness for <paramref name="roles"/> (applied in this order) on a new <see cref="FakeHost"/>.</summary>
    public RoleHarness(params IRole[] roles)
        : this(new FakeHost(), roles)
    {
    }

    /// <summary>Creates a harness for <paramref name="roles"/> (applied in this order) on <paramref name="host"/>.</summary>
    public RoleHarness(FakeHost host, params IRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0)
        {
            throw new ArgumentException("give at least one role", nameof(roles));
        }

        Host = host;
        _roles = roles.ToArray();
    }

    /// <summary>The host the roles run against; its state carries over between runs.</summary>
    public FakeHost Host { get; }

    /// <summary>The inventory entry the runs use: the host, its roles and its variables.</summary>
    /// <remarks>
    /// With <see cref="WithInventory"/>, a host of the inventory named as <see cref="FakeHost.HostName"/> gives the
    /// entry its address, groups and variables (the harness's own variables above them).
    /// </remarks>
    public HostEntry Entry
    {
        get
        {
            var declared = _inventory?.Find(Host.HostName);
            return new(Host.HostName, declared?.Address ?? "192.0.2.1")
            {
                Roles = _hostRoles ?? _roles.Select(r => r.Name).ToArray(),
                Groups = declared?.Groups ?? [],
                Variables = (declared?.Variables ?? VariableSet.Empty).Merge(_variables),
            };
        }
    }

    /// <summary>The whole inventory the roles see (<see cref="RoleContext.Inventory"/>) and are checked against (<see cref="IRole.CheckInventory"/>): by default the harness's host alone.</summary>
    /// <remarks>The harness's host stands in for the inventory's host of the same name (or is added when there is none).</remarks>
    public InventoryView Inventory => (_inventory ?? InventoryView.Of(Entry)).With(Entry);

    /// <summary>Sets a variable, as the inventory's host <c>vars:</c> would (above the roles' defaults).</summary>
    public RoleHarness WithVariable(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _variables[name] = value;
        return this;
    }

    /// <summary>Sets several variables.</summary>
    public RoleHarness WithVariables(IEnumerable<KeyValuePair<string, object?>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (name, value) in variables)
        {
            WithVariable(name, value);
        }

        return this;
    }

    /// <summary>Sets a secret variable, as <c>{ env: … }</c> or <c>{ file: … }</c> in an inventory would: masked in plans and reports.</summary>
    public RoleHarness WithSecret(string name, string value) => WithVariable(name, new SecretValue("test", value));

    /// <summary>Sets the host's facts (another OS version, no systemd…).</summary>
    public RoleHarness WithFacts(HostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Host.Facts = facts;
        return this;
    }

    /// <summary>The roles the inventory lists for the host (by default the harness's own), for roles that behave differently next to others.</summary>
    public RoleHarness WithHostRoles(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        _hostRoles = roles.ToArray();
        return this;
    }

    /// <summary>Gives the roles a whole inventory (peers, groups), as <c>provision</c> does whatever <c>--limit</c> selected.</summary>
    /// <remarks>The runs still touch only <see cref="Host"/>; the other hosts are only seen, never contacted.</remarks>
    /// <example><code>
    /// var web = new HostEntry("web1", "192.0.2.21") { Groups = ["web"] };
    /// var harness = new RoleHarness(new FakeHost("lb1"), new HaproxyRole()).WithInventory(new InventoryView([web]));
    /// </code></example>
    public RoleHarness WithInventory(InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        _inventory = inventory;
        return this;
    }

    /// <summary>A fake host that stands for the inventory host of the same name when a change opens a connection to a peer (<see cref="RoleContext.Peers"/>: a replica seeded from its primary).</summary>
    /// <remarks>Give the inventory with <see cref="WithInventory"/> too: the roles find their peers there. A peer without a fake host of its own is answered by <see cref="Host"/>.</remarks>
    public RoleHarness WithPeer(FakeHost peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _peers[peer.HostName] = peer;
        return this;
    }

    /// <summary>The inventory's directory: where template overrides and relative local paths are looked up (default: the current directory).</summary>
    public RoleHarness WithInventoryDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _inventoryDirectory = directory;
        return this;
    }

    /// <summary>What the roles declare for the host (resources in order, handlers), built from the checked variables, without running anything.</summary>
    /// <exception cref="InventoryException">A variable breaks its declaration.</exception>
    public RoleBuilder Build()
    {
        var catalog = new RoleCatalog(_roles);
        var entry = Entry;
        var names = _roles.Select(r => r.Name).ToArray();
        var inventory = Inventory;
        var problems = catalog.Validate([entry with { Roles = names }], names, inventory);
        if (problems.Count > 0)
        {
            throw new InventoryException(problems);
        }

        var context = new RoleContext(entry, Host.Facts, catalog.VariablesFor(entry with { Roles = names }, names), _inventoryDirectory) { Inventory = inventory };
        var builder = new RoleBuilder();
        foreach (var role in _roles)
        {
            role.Build(context, builder);
        }

        return builder;
    }

    /// <summary>Plans: facts and probes go to the host, nothing is written.</summary>
    /// <exception cref="InventoryException">A variable breaks its declaration.</exception>
    public Task<RoleRun> PlanAsync(CancellationToken cancellationToken = default) => RunAsync(dryRun: true, cancellationToken);

    /// <summary>Applies: the changes are made on the host.</summary>
    /// <exception cref="InventoryException">A variable breaks its declaration.</exception>
    public Task<RoleRun> ApplyAsync(CancellationToken cancellationToken = default) => RunAsync(dryRun: false, cancellationToken);

    /// <summary>Plans, applies and applies again, and checks what a converging role must do.</summary>
    /// <remarks>
    /// The plan sends only read-only commands and leaves the host as it was; the first apply succeeds and changes nothing
    /// the plan did not list; the second apply changes nothing (no resource changed, no handler ran, the host's state is the
    /// same before and after it) and sends only read-only commands after its first round trip (which takes the lock).
    /// </remarks>
    /// <exception cref="RoleAssertionException">One of those does not hold; the message says which, with the report.</exception>
    public async Task<Convergence> ConvergeAsync(CancellationToken cancellationToken = default)
    {
        var before = Host.Describe();
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        plan.AssertSucceeded().AssertReadOnly();
        AssertSameState(before, Host.Describe(), "the plan changed the host");

        var first = await ApplyAsync(cancellationToken).ConfigureAwait(false);
        first.AssertSucceeded();
        // A change the plan listed may turn out unneeded (a package starts its own service), but the apply makes no
        // change the plan did not announce.
        var unplanned = first.Changes.Except(plan.Changes, StringComparer.Ordinal).ToArray();
        if (unplanned.Length > 0)
        {
            throw new RoleAssertionException($"the apply on host '{Host.HostName}' changed what the plan did not list: {string.Join(", ", unplanned)}\n  planned: {string.Join(", ", plan.Changes)}\n{first.Describe()}");
        }

        var converged = Host.Describe();
        var second = await ApplyAsync(cancellationToken).ConfigureAwait(false);
        second.AssertSucceeded();
        if (second.Changes.Count > 0)
        {
            throw new RoleAssertionException($"not idempotent: the second apply on host '{Host.HostName}' changed again:\n{second.Describe()}");
        }

        AssertSameState(converged, Host.Describe(), "not idempotent: the second apply changed the host's state");
        var writes = second.Sent.Skip(1).Where(c => !c.IsReadOnly).ToArray();
        if (writes.Length > 0)
        {
            throw new RoleAssertionException($"not idempotent: the second apply on host '{Host.HostName}' sent commands that may write:\n  {string.Join("\n  ", writes.Select(w => w.Text))}");
        }

        return new Convergence(plan, first, second);
    }

    private async Task<RoleRun> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var engine = new ProvisionEngine(new RoleCatalog(_roles), new Connections(Host, _peers));
        var start = Host.Sent.Count;
        var options = new RunOptions { DryRun = dryRun, Forks = 1, InventoryDirectory = _inventoryDirectory, Roles = _roles.Select(r => r.Name).ToArray(), Inventory = Inventory };
        var report = await engine.RunAsync([Entry], options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RoleRun(report, Host.Sent.Skip(start).ToArray());
    }

    private void AssertSameState(string before, string after, string what)
    {
        if (before == after)
        {
            return;
        }

        var old = before.Split('\n').ToHashSet(StringComparer.Ordinal);
        var now = after.Split('\n').ToHashSet(StringComparer.Ordinal);
        var lines = old.Except(now).Select(l => "- " + l).Concat(now.Except(old).Select(l => "+ " + l));
        throw new RoleAssertionException($"{what} '{Host.HostName}':\n  {string.Join("\n  ", lines)}");
    }

    private sealed class Connections(FakeHost host, Dictionary<string, FakeHost> peers) : IConnectionFactory
    {
        public IHostConnection Open(HostEntry entry) => peers.GetValueOrDefault(entry.Name) ?? host;
    }
}
