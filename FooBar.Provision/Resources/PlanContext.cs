using FooBar.Provision.Facts;

namespace FooBar.Provision.Resources;

/// <summary>What a resource may consult while comparing: the host's facts and what earlier changes of the plan will do.</summary>
public sealed class PlanContext(HostFacts facts)
{
    private readonly HashSet<string> _pendingPackages = new(StringComparer.Ordinal);

    /// <summary>The host's facts.</summary>
    public HostFacts Facts { get; } = facts;

    /// <summary>Packages an earlier change of this plan installs: their files and services do not exist yet, but will.</summary>
    public IReadOnlySet<string> PendingPackages => _pendingPackages;

    /// <summary>Records packages that an earlier change installs.</summary>
    public void AddPendingPackages(IEnumerable<string> packages) => _pendingPackages.UnionWith(packages);
}
