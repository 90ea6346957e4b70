namespace FooBar.Provision.Inventory;

/// <summary>A loaded, validated inventory.</summary>
/// <param name="Path">The inventory file.</param>
/// <param name="Hosts">Every host, in file order, with effective roles and variables.</param>
/// <param name="Groups">Group name to member host names.</param>
public sealed record InventoryModel(string Path, IReadOnlyList<HostEntry> Hosts, IReadOnlyDictionary<string, IReadOnlyList<string>> Groups)
{
    /// <summary>The groups that set <c>serial:</c> or <c>max_fail_percentage:</c>, by name (docs/rolling-deploys.md).</summary>
    public IReadOnlyDictionary<string, GroupRollout> Rollouts { get; init; } = new Dictionary<string, GroupRollout>();

    /// <summary>The directory of the inventory file (relative paths in it resolve from here).</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    /// <summary>The hosts that <paramref name="limit"/> selects, in inventory order, or all hosts when it is null.</summary>
    /// <remarks>
    /// The limit is ansible's: comma-separated host or group names, globs (<c>web*</c>), regular expressions
    /// (<c>~web\d+</c>), <c>all</c> and <c>@FILE</c> (patterns listed in a file); <c>!PATTERN</c> excludes, <c>&amp;PATTERN</c>
    /// intersects. See docs/cli/limit.md.
    /// </remarks>
    /// <exception cref="InventoryException">A pattern matches nothing, a file cannot be read, nothing is left selected, or the limit holds no pattern at all (blank, only commas, an <c>@FILE</c> that lists none): never read as "every host".</exception>
    public IReadOnlyList<HostEntry> Select(string? limit) =>
        limit is null ? Hosts : HostPatterns.Select(this, limit);
}
