using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

public sealed partial class MysqlRole
{
    private static readonly string[] LocalOnly = ["127.0.0.1", "localhost", "::1"];

    /// <inheritdoc />
    /// <remarks>
    /// With <c>mysql_primary</c>: it names a host of the inventory that has the mysql role and is a primary itself (no
    /// chains); the primary listens on more than the loopback; no two hosts of the set share a <c>server_id</c>.
    /// </remarks>
    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var topology = MysqlTopology.Of(host, variables, inventory);
        if (topology.Kind == MysqlTopology.Role.None)
        {
            yield break;
        }

        var primaryName = variables.GetString(MysqlVariables.Primary.Name);
        var primary = topology.Primary;
        if (primary is null)
        {
            yield return Problem(MysqlVariables.Primary, $"names '{primaryName}', which is not a host of the inventory", "the inventory name of the primary (a host with the mysql role)");
            yield break;
        }

        if (!primary.Roles.Contains(Name, StringComparer.Ordinal))
        {
            yield return Problem(MysqlVariables.Primary, $"names {primaryName}, which does not have the mysql role", "the inventory name of a host whose roles include mysql");
        }
        else if (topology.Kind == MysqlTopology.Role.Replica && primary.Variables.TryGetValue(MysqlVariables.Primary.Name, out var upstream) && upstream is string other && other.Length > 0 && other != primaryName)
        {
            yield return Problem(MysqlVariables.Primary, $"names {primaryName}, which replicates from {other} itself (chained replication is not supported)", $"mysql_primary: {other} on every host of the set");
        }

        if (topology.Kind == MysqlTopology.Role.Primary && LocalOnly.Contains(variables.GetString(MysqlVariables.BindAddress.Name), StringComparer.Ordinal) && topology.Replicas.Count > 0)
        {
            yield return Problem(MysqlVariables.BindAddress, $"is {variables.GetString(MysqlVariables.BindAddress.Name)} on the primary {host.Name}: its replicas ({string.Join(", ", topology.Replicas.Select(r => r.Name))}) cannot reach it", "0.0.0.0 (then let the firewall role limit who may connect) or an address of the host") with { Example = "0.0.0.0" };
        }

        foreach (var peer in MysqlTopology.Members(inventory, primaryName).Where(p => p.Name != host.Name))
        {
            if (MysqlTopology.ServerIdOf(peer) == topology.ServerId)
            {
                yield return Problem(MysqlVariables.ServerId, $"would be {topology.ServerId} on both {host.Name} and {peer.Name} (replicating from {primaryName}): MariaDB skips the events of its own server_id", $"a different mysql_server_id on one of them ({MysqlVariables.ServerId.Rule.Expected})");
            }
        }
    }

    private static VariableProblem Problem(VariableDeclaration variable, string problem, string expected) =>
        new(variable.Name, problem, expected, variable.Example);

    // What replication adds: on the primary, the replication account for each replica's address; on a replica, the
    // replication itself (seeded from the primary when it has none). A replica gets its databases, accounts and schema
    // from the primary, so the role creates none there.
    private static void AddReplication(RoleContext context, RoleBuilder builder, MysqlTopology topology, ShellScript restart)
    {
        var variables = context.Variables;
        var user = variables.GetString(MysqlVariables.ReplicationUser.Name);
        var password = Secret(variables.TryGetValue(MysqlVariables.ReplicationPassword.Name, out var value) ? value : null, MysqlVariables.ReplicationPassword.Name);
        if (topology.Kind == MysqlTopology.Role.Primary)
        {
            foreach (var replica in topology.Replicas)
            {
                builder.Add(MysqlUserResource.Global(user, replica.Address, password, "REPLICATION SLAVE"));
            }

            return;
        }

        var primary = topology.Primary ?? throw new ProvisionException(
            $"mysql_primary names '{variables.GetString(MysqlVariables.Primary.Name)}', which is not a host of the inventory",
            "set mysql_primary to the inventory name of the primary (provision check lists such problems)");
        builder.Add(new MysqlReplicaResource(new MysqlReplicaSource(primary, MysqlTopology.PortOf(primary), user, password), context.Host.Address, topology.ServerId, restart, variables.GetString(MysqlVariables.StateDir.Name))
        {
            Peers = context.Peers,
            PrimaryWait = TimeSpan.FromSeconds(variables.GetInt(MysqlVariables.ReplicationWait.Name)),
        });
    }
}
