using System.Globalization;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>
/// The base of every contract test class: what both transports guarantee behind <see cref="IHostConnection"/>, written
/// once. A transport's subclass says only how to make its <see cref="IConnectionFactory"/>.
/// </summary>
/// <remarks>Every connection a test opens has its own factory, disposed after the test, so no test can ride on another's connection.</remarks>
public abstract class TransportContract(ContractHost host, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IConnectionFactory> _factories = [];
    private readonly List<string> _directories = [];

    /// <summary>The private sshd and its users.</summary>
    protected ContractHost Host => host;

    /// <summary>The private sshd.</summary>
    protected LoopbackSshd Sshd => host.Sshd;

    /// <summary>Where the test writes the figures it measured (shown with a detailed console logger).</summary>
    protected ITestOutputHelper Output => output;

    /// <summary>The transport's name in figures and messages.</summary>
    protected abstract string TransportName { get; }

    /// <summary>A new factory of the transport under test, with its default options.</summary>
    protected abstract IConnectionFactory CreateFactory();

    /// <summary>Opens a connection to <paramref name="entry"/> (root on the private sshd when null) through a new factory.</summary>
    protected IHostConnection Open(HostEntry? entry = null)
    {
        var factory = CreateFactory();
        _factories.Add(factory);
        return factory.Open(entry ?? host.Root);
    }

    /// <summary>Opens a connection to <paramref name="entry"/> and runs <c>true</c> over it.</summary>
    protected async Task<CommandResult> RunTrueAsync(HostEntry entry) => await Open(entry).RunAsync(new RemoteCommand($"true"));

    /// <summary>A new local directory (on the loopback host, so a remote one too), deleted after the test.</summary>
    protected string TemporaryDirectory(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        _directories.Add(path);
        return path;
    }

    /// <summary>Writes one measured figure, prefixed with the transport's name.</summary>
    protected void Report(string figure) => output.WriteLine($"{TransportName}: {figure}");

    /// <summary>Seconds with two decimals, for figures.</summary>
    protected static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            if (factory is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
