namespace FooBar.Provision.Inventory;

/// <summary>One hop of a host's <c>jump:</c> list (OpenSSH's ProxyJump): the connection goes through it to the next hop or the host.</summary>
/// <param name="Address">The hop's IP address or host name; its host key is checked under this name and <paramref name="Port"/>.</param>
/// <param name="Port">The hop's SSH port.</param>
/// <param name="User">The login name on the hop, or null for the host's <c>user</c> (else the local user), as OpenSSH does.</param>
public sealed record JumpHost(string Address, int Port = 22, string? User = null)
{
    /// <summary>The hop as ProxyJump writes it: <c>[user@]host[:port]</c> (an IPv6 address in brackets when a port follows).</summary>
    public override string ToString()
    {
        var user = User is null ? "" : User + "@";
        var host = Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address;
        return Port == 22 ? user + host : $"{user}{host}:{Port}";
    }
}
