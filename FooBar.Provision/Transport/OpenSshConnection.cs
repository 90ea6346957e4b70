using System.ComponentModel;
using FooBar.Provision.Inventory;
using Polly;

namespace FooBar.Provision.Transport;

/// <summary>One host reached through the system OpenSSH client: each command is one <c>ssh</c> process over the host's master connection.</summary>
internal sealed partial class OpenSshConnection : IHostConnection, IOpensAhead
{
    /// <summary>How long stopping a command's remote processes may take (the host may be the reason it hung).</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

    private readonly HostEntry _host;
    private readonly OpenSshOptions _options;
    private readonly ControlMaster? _master;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly List<Task> _stops = [];
    private int _roundTrips;
    private int _disposed;
    private volatile bool _knownHostsChecked;

    /// <summary>Creates the connection; nothing is contacted before the first command.</summary>
    /// <param name="host">The inventory host.</param>
    /// <param name="options">How ssh is run.</param>
    /// <param name="master">The host's master connection (shared with other connections to the same inventory host), or null without multiplexing.</param>
    /// <param name="connectPipeline">Tries opening the master again after a failure that may pass.</param>
    public OpenSshConnection(HostEntry host, OpenSshOptions options, ControlMaster? master, ResiliencePipeline connectPipeline)
    {
        _host = host;
        _options = options;
        _master = master;
        _connectPipeline = connectPipeline;
        _master?.AddReference();
    }

    /// <inheritdoc />
    public string HostName => _host.Name;

    /// <inheritdoc />
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>The master connection this connection uses, or null without multiplexing.</summary>
    internal ControlMaster? Master => _master;

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendAsync(command.Script, command.StandardInput, command.Timeout, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default) =>
        RemoteFileScript.WriteAsync(_host, file, (script, input) => SendAsync(script, input, null, cancellationToken));

    /// <summary>Closes the host's master connection (<c>ssh -O exit</c>) when no other connection of the factory uses it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Task[] stops;
        lock (_stops)
        {
            stops = [.. _stops];
        }

        await Task.WhenAll(stops).ConfigureAwait(false);
        if (_master is null || !_master.ReleaseReference())
        {
            return;
        }

        await _master.CloseAsync(() => ExitMasterAsync(_host, _options, _master), force: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Starts the master (when the host has one): the same step every command takes first.</remarks>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_knownHostsChecked)
        {
            _knownHostsChecked = KnownHostsCheck.Problem(_host) is { } unrecordable ? throw unrecordable : true;
        }

        if (_master is not null)
        {
            await _master.EnsureUpAsync(OpenMasterAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);

        _options.CommandLog?.Invoke(script);
        var marker = RemoteStop.NewMarker();
        var arguments = OpenSshArguments.ForCommand(_host, _master?.SocketPath, RemoteCommandLine.For(_host, RemoteStop.Tag(marker, script)));
        var stdin = RemoteCommandLine.StandardInput(_host, input, out var secretBuffer);
        var limit = timeout ?? TimeSpan.FromSeconds(_host.CommandTimeoutSeconds);
        var started = false;
        CommandResult result;
        try
        {
            result = await SshProcess.RunAsync(
                _options.SshExecutable, arguments, stdin, limit, _options.TimeProvider, () => started = Interlocked.Increment(ref _roundTrips) > 0, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            StartRemoteStop(marker);
            throw new CommandTimeoutException(
                _host.Name,
                $"a command on {Where} ran longer than its deadline ({limit.TotalSeconds:0} s); the local ssh was killed, and one more ssh sends SIGTERM to its processes on the host",
                "Raise command_timeout for the host, or find out why it hangs (waiting for input?).");
        }
        catch (OperationCanceledException) when (started && cancellationToken.IsCancellationRequested)
        {
            StartRemoteStop(marker);
            throw;
        }
        catch (Win32Exception exception)
        {
            throw CannotStartSsh(exception);
        }
        finally
        {
            if (secretBuffer is not null)
            {
                Array.Clear(secretBuffer);
            }
        }

        // A mux client whose master died says nothing itself and exits 255, as a command's own exit 255 would: the master tells them apart.
        var error = OpenSshErrors.Classify(_host, result);
        if ((error is not null || result.ExitCode == OpenSshErrors.SshFailed) && await LostConnectionAsync(error, result).ConfigureAwait(false) is { } lost)
        {
            throw lost;
        }

        return error is null ? result : throw error;
    }

    private string Where => $"{_host.Address}:{_host.Port}";

    /// <summary>
    /// Starts stopping the processes of the command tagged with <paramref name="marker"/> on the host (one more ssh, not
    /// counted as a round trip), so that the deadline or cancellation is reported at once; disposing waits for it.
    /// </summary>
    private void StartRemoteStop(string marker)
    {
        lock (_stops)
        {
            _stops.Add(StopRemoteAsync(marker));
        }
    }

    /// <summary>Stops the processes of the command tagged with <paramref name="marker"/>; false when that failed (the host is gone, procps is missing).</summary>
    private async Task<bool> StopRemoteAsync(string marker)
    {
        var arguments = OpenSshArguments.ForCommand(_host, _master?.SocketPath, RemoteCommandLine.For(_host, RemoteStop.Script(marker)));
        var stdin = RemoteCommandLine.StandardInput(_host, null, out var secretBuffer);
        try
        {
            var result = await SshProcess.RunAsync(_options.SshExecutable, arguments, stdin, StopLimit, _options.TimeProvider, () => { }, CancellationToken.None)
                .ConfigureAwait(false);
            return result.Succeeded;
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            if (secretBuffer is not null)
            {
                Array.Clear(secretBuffer);
            }
        }
    }

    private TransportException CannotStartSsh(Win32Exception exception) => new(
        _host.Name,
        $"cannot start the ssh client '{_options.SshExecutable}': {exception.Message}",
        "Install the OpenSSH client (apt-get install openssh-client) or set OpenSshOptions.SshExecutable.",
        exception);
}
