using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary>The connection factory of one run: disposing it closes the run's SSH master connections (ControlMaster).</summary>
internal sealed class ConnectionScope(IConnectionFactory factory) : IAsyncDisposable
{
    public IConnectionFactory Factory { get; } = factory;

    public ValueTask DisposeAsync() => Factory is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
