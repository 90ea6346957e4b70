using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Opens connections to inventory hosts; the engine's only way to reach one.</summary>
public interface IConnectionFactory
{
    /// <summary>Opens (lazily) a connection to <paramref name="host"/>.</summary>
    IHostConnection Open(HostEntry host);
}
