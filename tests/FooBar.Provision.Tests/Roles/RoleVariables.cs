using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles;

/// <summary>The variables a role's Build sees, made the way the engine makes them: checked against the declarations and typed.</summary>
internal static class RoleVariables
{
    /// <summary>The host's <paramref name="layers"/> (later ones win) over <paramref name="role"/>'s defaults; throws <see cref="InventoryException"/> for a bad value.</summary>
    public static VariableSet For(IRole role, HostEntry host, params IReadOnlyDictionary<string, object?>?[] layers)
    {
        var values = VariableSet.Empty;
        foreach (var layer in layers)
        {
            values = values.Merge(layer ?? new Dictionary<string, object?>());
        }

        return BuiltInRoles.Catalog().Add(role).VariablesFor(host with { Variables = values }, [role.Name]);
    }
}
