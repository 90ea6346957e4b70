using System.ComponentModel;
using FooBar.Provision.Inventory;
using Polly;

namespace FooBar.Provision.Transport;

/// <summary>One host reached through the system OpenSSH client: each command is one <c>ssh</c> process over the host's master connection.</summary>
internal sealed partial class OpenSshConnection : HostConnection, IOpensAhead
{
    /// <summary>How long stopping a command's remote processes may take (the host may be the reason it hung).</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

    private readonly OpenSshOptions _options;
    private readonly ControlMaster? _master;
    private readonly ResiliencePipeline _connectPipeline;
    private int _disposed;

    /// <summary>Creates the connection; nothing is contacted before the first command.</summary>
    /// <param name="host">The inventory host.</param>
    /// <param name="options">How ssh is run.</param>
    /// <param name="master">The host's master connection (shared with other connections to the same inventory host), or null without multiplexing.</param>
    /// <param name="connectPipeline">Tries opening the master again after a failure that may pass.</param>
    public OpenSshConnection(HostEntry host, OpenSshOptions options, ControlMaster? master, ResiliencePipeline connectPipeline)
        : base(host)
    {
        _options = options;
        _master = master;
        _connectPipeline = connectPipeline;
        _master?.AddReference();
    }

    /// <summary>The master connection this connection uses, or null without multiplexing.</summary>
    internal ControlMaster? Master => _master;

    /// <summary>Closes the host's master connection (<c>ssh -O exit</c>) when no other connection of the factory uses it.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await WhenStoppedAsync().ConfigureAwait(false);
        if (_master is null || !_master.ReleaseReference())
        {
            return;
        }

        await _master.CloseAsync(() => ExitMasterAsync(Host, _options, _master), force: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Starts the master (when the host has one): the same step every command takes first.</remarks>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CheckBeforeConnecting();

        if (_master is not null)
        {
            await _master.EnsureUpAsync(OpenMasterAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);

        _options.CommandLog?.Invoke(script);
        var marker = RemoteStop.NewMarker();
        // "; exit": the login shell waits and exits 128 + N when a signal ends the command (as SSH.NET reports its
        // exit-signal); ssh itself exits 255 for an exit-signal, which reads as a lost connection. `exit` without an
        // argument keeps the last status in sh, bash, zsh, fish and csh alike.
        var arguments = OpenSshArguments.ForCommand(Host, _master?.SocketPath, RemoteCommandLine.For(Host, RemoteStop.Tag(marker, script)) + "; exit", _options.ConfigFile);
        var stdin = RemoteCommandLine.StandardInput(Host, input, out var secretBuffer);
        var limit = timeout ?? TimeSpan.FromSeconds(Host.CommandTimeoutSeconds);
        var started = false;
        CommandResult result;
        try
        {
            result = await SshProcess.RunAsync(
                _options.SshExecutable, arguments, stdin, limit, _options.TimeProvider, () => { CountRoundTrip(); started = true; }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            StartRemoteStop(marker);
            throw new CommandTimeoutException(
                Host.Name,
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
        var error = OpenSshErrors.Classify(Host, result);
        if ((error is not null || result.ExitCode == OpenSshErrors.SshFailed) && await LostConnectionAsync(error, result).ConfigureAwait(false) is { } lost)
        {
            throw lost;
        }

        return error is null ? result : throw error;
    }

    /// <inheritdoc />
    /// <remarks>One more ssh over the master; false also when procps is missing on the host.</remarks>
    protected override async Task<bool> StopRemoteAsync(string marker)
    {
        var arguments = OpenSshArguments.ForCommand(Host, _master?.SocketPath, RemoteCommandLine.For(Host, RemoteStop.Script(marker)), _options.ConfigFile);
        var stdin = RemoteCommandLine.StandardInput(Host, null, out var secretBuffer);
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
        Host.Name,
        $"cannot start the ssh client '{_options.SshExecutable}': {exception.Message}",
        "Install the OpenSSH client (apt-get install openssh-client) or set OpenSshOptions.SshExecutable.",
        exception);
}
