using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Templates;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles;

/// <summary>What a role sees of the host it builds for.</summary>
/// <param name="Host">The inventory entry.</param>
/// <param name="Facts">The gathered facts.</param>
/// <param name="Variables">The host's variables over the roles' defaults.</param>
/// <param name="InventoryDirectory">The inventory's directory (relative paths in variables resolve from here).</param>
public sealed record RoleContext(HostEntry Host, HostFacts Facts, VariableSet Variables, string InventoryDirectory)
{
    /// <summary>The whole inventory, whatever <c>--limit</c>, <c>--slice</c> or <c>--serial</c> selected (the other hosts, their groups and addresses).</summary>
    /// <remarks>Unless set, it holds <see cref="Host"/> alone. See docs/writing-roles.md, "Roles that look at other hosts".</remarks>
    public InventoryView Inventory { get; init; } = InventoryView.Of(Host);

    /// <summary>Opens connections to the other hosts of <see cref="Inventory"/> (the run's own transport), for a change that needs a peer: a replica seeded from its primary. Null where no run gives one (a role built without a run).</summary>
    /// <remarks>Used only by changes as they apply, never by probes: a plan contacts no other host. The caller disposes what it opens.</remarks>
    public IConnectionFactory? Peers { get; init; }

    /// <summary>Renders a template of <paramref name="role"/> with the variables (secrets revealed: the result goes to the host only).</summary>
    /// <remarks>A file <c>templates/&lt;role&gt;/&lt;name&gt;</c> beside the inventory overrides the built-in template.</remarks>
    public string Render(IRole role, string templateName, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        var source = TemplateSource.Find(role, templateName, InventoryDirectory);
        return TemplateRenderer.Render(source, TemplateModel.From(Variables, Facts, Host, extra));
    }

    /// <summary>Resolves a path from a variable: absolute as is, <c>~</c> from home, relative from the inventory directory.</summary>
    public string ResolveLocalPath(string path) => ResolveLocalPath(path, InventoryDirectory);

    /// <summary>Resolves <paramref name="path"/>: absolute as is, <c>~</c> from home, relative from <paramref name="inventoryDirectory"/>.</summary>
    public static string ResolveLocalPath(string path, string inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inventoryDirectory);
        if (path.StartsWith('~'))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        return Path.GetFullPath(path, inventoryDirectory);
    }
}
