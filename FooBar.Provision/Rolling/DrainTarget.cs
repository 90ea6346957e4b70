namespace FooBar.Provision.Rolling;

/// <summary>A backend host as a load balancer knows it: the backend (pool) and the server's name in it.</summary>
/// <param name="Backend">The backend's name (<c>web</c>).</param>
/// <param name="Server">The server's name in the backend (the inventory host name for the built-in haproxy role).</param>
public sealed record DrainTarget(string Backend, string Server)
{
    /// <inheritdoc />
    public override string ToString() => $"{Backend}/{Server}";
}
