namespace FooBar.Provision.Planning;

/// <summary>How a run goes.</summary>
public sealed record RunOptions
{
    /// <summary>Plan only: probes go out, nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Hosts worked on at once.</summary>
    public int Forks { get; init; } = 10;

    /// <summary>Only these roles (of each host's own list), or null for all.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Only resources with one of these tags (or tagged <c>always</c>), or null for all; a resource's tags are its own, its role's name and its kind.</summary>
    /// <remarks>As ansible's <c>--tags</c>; see docs/cli/tags.md. Handlers run when a resource that runs notifies them.</remarks>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>No resource with one of these tags, or null to skip none.</summary>
    public IReadOnlyList<string>? SkipTags { get; init; }

    /// <summary>The whole inventory the roles see (<see cref="Roles.RoleContext.Inventory"/>) and check against (<see cref="Roles.IRole.CheckInventory"/>), whatever hosts run; null when the hosts given to the run are the whole inventory.</summary>
    public Inventory.InventoryView? Inventory { get; init; }

    /// <summary>Converge the hosts in batches of this size, in inventory order (<c>--serial</c>); wins over the groups' <c>serial:</c>. Null: the groups' own.</summary>
    /// <remarks>See docs/rolling-deploys.md.</remarks>
    public Inventory.BatchSize? Serial { get; init; }

    /// <summary>The share of a batch's hosts (0 to 100) that may fail before the rollout stops; wins over the groups' <c>max_fail_percentage:</c>. Null: the groups' own (default 0).</summary>
    public int? MaxFailPercentage { get; init; }

    /// <summary>The bounds of draining hosts on their load balancers during a rolling apply.</summary>
    public Rolling.DrainOptions Drain { get; init; } = new();

    /// <summary>The inventory's directory (template overrides and relative paths).</summary>
    public string InventoryDirectory { get; init; } = ".";

    /// <summary>The directory on each host for its journal and apply lock, or null for the default.</summary>
    /// <remarks>The default is <c>/var/lib/foobar-provision</c> when commands run as root, otherwise
    /// <c>${XDG_STATE_HOME:-$HOME/.local/state}/foobar-provision</c>. See docs/journal.md.</remarks>
    public string? StateDirectory { get; init; }

    /// <summary>The directory on this machine that keeps each host's facts of its last run, or null for none (the default).</summary>
    /// <remarks>With it, a host whose facts have not changed costs one round trip after the connection: the plan and its
    /// probes are built from the cached facts, and the host checks them in the same script that gathers the fresh ones
    /// (a mismatch costs the second round trip, as without a cache). The <c>provision</c> command uses
    /// <c>~/.cache/foobar-provision/facts</c>. See docs/facts-cache.md.</remarks>
    public string? FactsCacheDirectory { get; init; }

    /// <summary>How long an apply waits for another apply to release a host before failing that host. Default 2 minutes.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(2);
}
