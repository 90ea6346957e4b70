using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>Where a host stands in replication, read from <c>mysql_primary</c> across the inventory.</summary>
/// <param name="Kind">none, primary or replica.</param>
/// <param name="Primary">The primary's inventory entry (itself on the primary); null without replication.</param>
/// <param name="Replicas">The hosts that replicate from <paramref name="Primary"/> (inventory order).</param>
/// <param name="ServerId">This host's <c>server_id</c>; 0 without replication.</param>
internal sealed record MysqlTopology(MysqlTopology.Role Kind, HostEntry? Primary, IReadOnlyList<HostEntry> Replicas, long ServerId)
{
    /// <summary>A host's part in replication.</summary>
    public enum Role
    {
        /// <summary>No replication: <c>mysql_primary</c> is unset.</summary>
        None,

        /// <summary>The host named by <c>mysql_primary</c>.</summary>
        Primary,

        /// <summary>Another host with the same <c>mysql_primary</c>.</summary>
        Replica,
    }

    /// <summary>The host's topology; the primary is null when <c>mysql_primary</c> names no host of <paramref name="inventory"/> (<see cref="MysqlRole.CheckInventory"/> says so first).</summary>
    public static MysqlTopology Of(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        var primaryName = variables.GetStringOrNull(MysqlVariables.Primary.Name);
        if (string.IsNullOrEmpty(primaryName))
        {
            return new MysqlTopology(Role.None, null, [], 0);
        }

        var serverId = variables.TryGetValue(MysqlVariables.ServerId.Name, out var set) && set is long id ? id : DeriveServerId(host);
        var primary = host.Name == primaryName ? host : inventory.Find(primaryName);
        var replicas = Members(inventory, primaryName).Where(h => h.Name != primaryName).Select(h => h.Name == host.Name ? host : h).ToArray();
        return new MysqlTopology(host.Name == primaryName ? Role.Primary : Role.Replica, primary, replicas, serverId);
    }

    /// <summary>The hosts with the mysql role whose <c>mysql_primary</c> is <paramref name="primaryName"/>, and the primary itself (inventory order).</summary>
    public static IReadOnlyList<HostEntry> Members(InventoryView inventory, string primaryName) =>
        inventory.Hosts.Where(h => h.Name == primaryName || (HasMysql(h) && Text(h.Variables, MysqlVariables.Primary.Name) == primaryName)).ToArray();

    /// <summary>A peer's <c>server_id</c>: its <c>mysql_server_id</c> when set, else derived as for this host.</summary>
    public static long ServerIdOf(HostEntry peer) =>
        long.TryParse(Text(peer.Variables, MysqlVariables.ServerId.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : DeriveServerId(peer);

    /// <summary>The default <c>server_id</c>: the IPv4 address as a 32-bit number (10.99.15.2 is 174264066); for a host name or an IPv6
    /// address, the FNV-1a hash of the inventory name (never 0).</summary>
    public static long DeriveServerId(HostEntry host)
    {
        if (IPAddress.TryParse(host.Address, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            var value = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
            if (value != 0)
            {
                return value;
            }
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(host.Name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash == 0 ? 1 : hash;
    }

    /// <summary>A peer's port for MariaDB (<c>db_port</c>, 3306 unless set).</summary>
    public static int PortOf(HostEntry peer) =>
        int.TryParse(Text(peer.Variables, SharedVariables.DbPort.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 3306;

    private static bool HasMysql(HostEntry host) => host.Roles.Contains("mysql", StringComparer.Ordinal);

    // A peer's inventory value as text (its variables are the inventory's, not typed by the declarations).
    private static string? Text(VariableSet variables, string name) =>
        variables.TryGetValue(name, out var value) && value is not null and not SecretValue ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
