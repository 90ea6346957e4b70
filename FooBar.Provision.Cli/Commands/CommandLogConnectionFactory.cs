using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary>Wraps a connection factory so that every command sent is written to the <c>-v</c> log with its host.</summary>
internal sealed class CommandLogConnectionFactory(IConnectionFactory inner, CommandLog log) : IConnectionFactory
{
    public IHostConnection Open(HostEntry host) => new CommandLogConnection(inner.Open(host), log);
}
