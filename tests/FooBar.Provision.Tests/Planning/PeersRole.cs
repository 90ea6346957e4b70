using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A role that looks at other hosts: it writes the names and addresses of the hosts of <c>peers_group</c>, and refuses an empty group before any connection.</summary>
internal sealed class PeersRole : RoleBase
{
    public override string Name => "peers";

    public override string Folder => "Peers";

    public override IReadOnlyList<VariableDeclaration> VariableDeclarations { get; } =
        [new("peers_group", VariableRules.Name, "the group whose hosts are listed") { Default = "web" }];

    /// <summary>The inventory the last build saw.</summary>
    public InventoryView? Seen { get; private set; }

    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        var group = variables.GetString("peers_group");
        if (inventory.HostsOf(group).Count == 0)
        {
            yield return new VariableProblem("peers_group", $"names group '{group}', which has no hosts in the inventory", "a group with at least one host (add hosts to it, or name another group)", "web");
        }
    }

    public override void Build(RoleContext context, RoleBuilder builder)
    {
        Seen = context.Inventory;
        var peers = context.Inventory.HostsOf(context.Variables.GetString("peers_group"));
        builder.Add(new FileResource("/etc/peers", string.Concat(peers.Select(h => $"{h.Name} {h.Address}\n"))));
    }
}
