using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli;

/// <summary>
/// The application's <see cref="IConnectionFactory"/> lent to one run: the run does not dispose it (the verbs dispose
/// their factory when they end); the application's services do, when the application ends.
/// </summary>
internal sealed class BorrowedConnectionFactory(IConnectionFactory factory) : IConnectionFactory
{
    public IHostConnection Open(HostEntry host) => factory.Open(host);
}
