using FooBar.Provision.Inventory;
using Polly;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>One host reached with SSH.NET in process: one SSH connection, each command on its own channel.</summary>
/// <remarks>
/// At most <see cref="SshNetOptions.MaxChannels"/> commands run at once. The connection opens before the first command and
/// closes when this is disposed; it is opened again (once) when it was found dropped before a command starts. A command
/// that may have started is never sent again.
/// </remarks>
internal sealed partial class SshNetConnection : HostConnection, IOpensAhead
{
    private readonly SshNetOptions _options;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly Action<SshNetConnection>? _disposed;
    private readonly SemaphoreSlim _channels;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private SshNetAuthentication? _authentication;
    private SshNetLink? _link;
    private int _isDisposed;
    private bool _closed;

    /// <summary>Creates the connection; nothing is contacted before the first command.</summary>
    /// <param name="host">The inventory host.</param>
    /// <param name="options">How SSH.NET is used.</param>
    /// <param name="connectPipeline">Tries opening the connection again after a failure that may pass.</param>
    /// <param name="disposed">Called once when the connection is disposed (the factory forgets it).</param>
    public SshNetConnection(HostEntry host, SshNetOptions options, ResiliencePipeline connectPipeline, Action<SshNetConnection>? disposed = null)
        : base(host)
    {
        _options = options;
        _connectPipeline = connectPipeline;
        _disposed = disposed;
        _channels = new SemaphoreSlim(options.MaxChannels, options.MaxChannels);
    }

    /// <summary>True while the host's SSH connection is up (for tests).</summary>
    internal bool IsConnected => _link?.IsUsable == true;

    /// <summary>The live link (for tests that drop it).</summary>
    internal SshNetLink? Link => _link;

    /// <inheritdoc />
    /// <remarks>Refuses what the first command would refuse (<see cref="HostConnection.CheckBeforeConnecting"/>) before anything is opened.</remarks>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        CheckBeforeConnecting();
        await LinkAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the SSH connection (the host's session ends with it, and with it the apply lock it holds).</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) != 0)
        {
            return;
        }

        await WhenStoppedAsync().ConfigureAwait(false);
        await _connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            if (_link is { } link)
            {
                await link.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            _link = null;
            _authentication?.Dispose();
            _authentication = null;
        }
        finally
        {
            _connectGate.Release();
        }

        _disposed?.Invoke(this);
    }
}
