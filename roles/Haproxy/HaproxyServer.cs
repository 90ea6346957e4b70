namespace FooBar.Provision.Roles.Haproxy;

/// <summary>One server of the backend: its haproxy name (an inventory host's name), where haproxy reaches it, and the inventory host it stands for (null for an extra server).</summary>
internal sealed record HaproxyServer(string Name, string Address, long Port, string? HostName)
{
    /// <summary>The address and port as haproxy.cfg writes them (an IPv6 address in brackets).</summary>
    public string Endpoint => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
