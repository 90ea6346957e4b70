using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace MyInfra.Roles.Backends;

/// <summary>A load balancer's list of backends: the hosts of a group of the inventory, whatever hosts run.</summary>
public sealed class BackendsRole : RoleBase
{
    public override string Name => "backends";
    public override string Folder => "Backends";

    public override IReadOnlyList<VariableDeclaration> VariableDeclarations { get; } =
        [new("lb_backend_group", VariableRules.Name, "the inventory group whose hosts receive the traffic") { Default = "web" }];

    #region build
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var backends = context.Inventory.HostsOf(context.Variables.GetString("lb_backend_group"));
        var servers = string.Concat(backends.Select(h => $"server {h.Name} {h.Address}:80 check\n"));
        builder.Add(new FileResource("/etc/lb/backends.cfg", servers));
    }
    #endregion

    #region check
    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var group = variables.GetString("lb_backend_group");
        if (inventory.HostsOf(group).Count == 0)
        {
            yield return new VariableProblem("lb_backend_group", $"names group '{group}', which has no hosts", "a group with at least one host", "web");
        }
    }
    #endregion
}
