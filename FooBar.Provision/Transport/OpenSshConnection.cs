using System.ComponentModel;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>One host reached through the system OpenSSH client: each command is one <c>ssh</c> process over a shared master connection.</summary>
internal sealed class OpenSshConnection : IHostConnection
{
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(10);

    private readonly HostEntry _host;
    private readonly OpenSshOptions _options;
    private readonly string _controlDirectory;
    private int _roundTrips;
    private int _disposed;

    /// <summary>Creates the connection; nothing is contacted before the first command.</summary>
    public OpenSshConnection(HostEntry host, OpenSshOptions options, string controlDirectory)
    {
        _host = host;
        _options = options;
        _controlDirectory = controlDirectory;
    }

    /// <inheritdoc />
    public string HostName => _host.Name;

    /// <inheritdoc />
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendAsync(command.Script, command.StandardInput, command.Timeout, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var script = RemoteFileScript.For(file);
        var result = await SendAsync(script, file.Content, null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new RemoteCommandFailedException(
                _host.Name,
                $"writing {file.Path} failed (exit {result.ExitCode}): {OpenSshErrors.Describe(result.StandardError)}",
                result.ExitCode,
                result.StandardError,
                "Check that the directory exists, that the user may write to it (or set become), and that the owner and group exist.");
        }
    }

    /// <summary>Closes the host's master connection (<c>ssh -O exit</c>), if there is one.</summary>
    public async ValueTask DisposeAsync()
    {
        // A connection that never sent a command opened no master (another connection to the same host closes its own).
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_options.Multiplexing || RoundTrips == 0)
        {
            return;
        }

        var arguments = OpenSshArguments.ForControl(_host, _options, _controlDirectory, "exit");
        try
        {
            // Exits with 255 and "No such file" when no master runs: nothing to close then.
            await SshProcess.RunAsync(
                _options.SshExecutable, arguments, ReadOnlyMemory<byte>.Empty, ControlTimeout, _options.TimeProvider, static () => { }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception)
        {
            // Closing is best effort: ControlPersist ends an idle master anyway.
        }
    }

    private async Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _options.CommandLog?.Invoke(script);
        var arguments = OpenSshArguments.ForCommand(_host, _options, _controlDirectory, RemoteCommandLine.For(_host, script));
        var stdin = RemoteCommandLine.StandardInput(_host, input, out var secretBuffer);
        var limit = timeout ?? _options.DefaultCommandTimeout;
        CommandResult result;
        try
        {
            result = await SshProcess.RunAsync(
                _options.SshExecutable, arguments, stdin, limit, _options.TimeProvider, () => Interlocked.Increment(ref _roundTrips), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new CommandTimeoutException(
                _host.Name,
                $"a command on {_host.Address}:{_host.Port} ran longer than its timeout ({limit}); the local ssh was killed",
                "Raise the command's timeout, or find out why it hangs (waiting for input?). The remote process may still be running.");
        }
        catch (Win32Exception exception)
        {
            throw new TransportException(
                _host.Name,
                $"cannot start the ssh client '{_options.SshExecutable}': {exception.Message}",
                "Install the OpenSSH client (apt-get install openssh-client) or set OpenSshOptions.SshExecutable.",
                exception);
        }
        finally
        {
            if (secretBuffer is not null)
            {
                Array.Clear(secretBuffer);
            }
        }

        return OpenSshErrors.Classify(_host, result) is { } error ? throw error : result;
    }
}
