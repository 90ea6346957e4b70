namespace FooBar.Provision.Inventory;

/// <summary>A loaded, validated inventory.</summary>
/// <param name="Path">The inventory file.</param>
/// <param name="Hosts">Every host, in file order, with effective roles and variables.</param>
/// <param name="Groups">Group name to member host names.</param>
public sealed record InventoryModel(string Path, IReadOnlyList<HostEntry> Hosts, IReadOnlyDictionary<string, IReadOnlyList<string>> Groups)
{
    /// <summary>The directory of the inventory file (relative paths in it resolve from here).</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    /// <summary>The hosts matched by <paramref name="limit"/> (comma-separated host or group names), or all.</summary>
    public IReadOnlyList<HostEntry> Select(string? limit)
    {
        if (string.IsNullOrWhiteSpace(limit))
        {
            return Hosts;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in limit.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Groups.TryGetValue(part, out var members))
            {
                names.UnionWith(members);
            }
            else if (Hosts.Any(h => h.Name == part))
            {
                names.Add(part);
            }
            else
            {
                throw new InventoryException([new InventoryError(new SourceLocation(Path, 0, 0), $"--limit names '{Printable.Clip(part, 80)}', which is neither a host nor a group of this inventory", "use a host or group name from the inventory")]);
            }
        }

        return Hosts.Where(h => names.Contains(h.Name)).ToArray();
    }
}
