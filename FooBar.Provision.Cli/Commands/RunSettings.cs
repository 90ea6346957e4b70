using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Cli.Commands;

/// <summary>What the command line asked for, parsed.</summary>
internal sealed record RunSettings(string InventoryPath)
{
    public bool DryRun { get; init; }

    public string? Limit { get; init; }

    /// <summary>The --slice K/N as written, or null for every selected host.</summary>
    public string? Slice { get; init; }

    /// <summary>The --roles filter, or null for all roles.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    public int Forks { get; init; } = 10;

    /// <summary>The --tags, or null for every resource.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The --skip-tags, or null to skip none.</summary>
    public IReadOnlyList<string>? SkipTags { get; init; }

    public IReadOnlyList<string> Vars { get; init; } = [];

    /// <summary>How long an apply waits for another apply's lock on a host.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The --state-dir on the hosts, or null for the default.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The --transport that overrides every host's, or null to keep the inventory's.</summary>
    public TransportKind? Transport { get; init; }

    public OutputFormat Output { get; init; } = OutputFormat.Text;

    /// <summary>The --serial batch size, or null for the groups' own serial:.</summary>
    public BatchSize? Serial { get; init; }

    /// <summary>The --max-fail-percentage, or null for the groups' own.</summary>
    public int? MaxFailPercentage { get; init; }

    /// <summary>The --drain-timeout of a rolling apply.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The --health-timeout of a rolling apply.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>0, or 1 to 3 for -v, -vv, -vvv (docs/cli/verbosity.md).</summary>
    public int Verbosity { get; init; }

    public bool NoColor { get; init; }
}
