using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>The backend a load balancer serves: its name and its servers (the hosts of <c>haproxy_backend_group</c>, then <c>haproxy_extra_servers</c>).</summary>
/// <remarks>
/// A host of the group is reached at its <c>haproxy_server_address</c> when it sets one, else at its inventory address;
/// its server name is its inventory name, which is what the runtime socket (drain) addresses.
/// </remarks>
internal sealed record HaproxyBackend(string Name, string? Group, IReadOnlyList<HaproxyServer> Servers)
{
    /// <summary>The backend of a host with the haproxy role: its checked <paramref name="variables"/> over the whole <paramref name="inventory"/>.</summary>
    public static HaproxyBackend From(VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var port = variables.GetInt(HaproxyVariables.BackendPort.Name);
        var group = variables.GetStringOrNull(HaproxyVariables.BackendGroup.Name) is { Length: > 0 } g ? g : null;
        var servers = new List<HaproxyServer>();
        if (group is not null)
        {
            servers.AddRange(inventory.HostsOf(group).Select(h => new HaproxyServer(h.Name, AddressOf(h), port, h.Name)));
        }

        foreach (var extra in variables.GetMapList(HaproxyVariables.ExtraServers.Name))
        {
            var name = (string)extra["name"]!;
            var address = (string)extra["address"]!;
            servers.Add(new HaproxyServer(name, address, extra["port"] is long own ? own : port, null));
        }

        return new HaproxyBackend(variables.GetString(HaproxyVariables.BackendName.Name), group, servers);
    }

    /// <summary>Where the load balancers reach <paramref name="host"/>: its <c>haproxy_server_address</c>, else its inventory address.</summary>
    public static string AddressOf(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Variables.TryGetValue(HaproxyVariables.ServerAddress.Name, out var value) && value is string { Length: > 0 } text ? text : host.Address;
    }
}
