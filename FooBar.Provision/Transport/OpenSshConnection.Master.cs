using System.ComponentModel;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Opening, checking and closing the host's master connection.</summary>
internal sealed partial class OpenSshConnection
{
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends <c>ssh -O exit</c> to <paramref name="master"/>; best effort (ControlPersist ends an idle master anyway).</summary>
    internal static async Task ExitMasterAsync(HostEntry host, OpenSshOptions options, ControlMaster master)
    {
        try
        {
            // Exits with 255 and "No such file" when no master runs: nothing to close then.
            await SshProcess.RunAsync(
                options.SshExecutable, OpenSshArguments.ForControl(host, master.SocketPath, "exit", options.ConfigFile), ReadOnlyMemory<byte>.Empty, ControlTimeout, options.TimeProvider, static () => { }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception)
        {
            // Closing is best effort.
        }

        // The master removes its socket as it exits, just after answering: wait for that (briefly), so the directory can go.
        for (var i = 0; i < 50 && File.Exists(master.SocketPath); i++)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        TryDelete(master.LogPath);
    }

    /// <summary>Opens the master (<c>ssh -f -N</c>, which runs no command), trying again after failures that may pass.</summary>
    private async Task OpenMasterAsync(CancellationToken cancellationToken)
    {
        var master = _master!;
        if (File.Exists(master.SocketPath))
        {
            // A master we had given up for gone may still answer; otherwise its socket is stale and in the way.
            if (await IsMasterAliveAsync(master).ConfigureAwait(false))
            {
                return;
            }

            TryDelete(master.SocketPath);
        }

        var tries = 0;
        var started = _options.TimeProvider.GetTimestamp();
        try
        {
            await _connectPipeline.ExecuteAsync(
                async token =>
                {
                    tries++;
                    await OpenMasterOnceAsync(master, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TransientConnectionException exception)
        {
            var seconds = _options.TimeProvider.GetElapsedTime(started).TotalSeconds;
            throw OpenSshErrors.CannotOpen(Host, tries, seconds, exception.Message);
        }
    }

    private async Task OpenMasterOnceAsync(ControlMaster master, CancellationToken cancellationToken)
    {
        TryDelete(master.LogPath);
        var window = Host.KeepAliveIntervalSeconds * Host.KeepAliveCountMax;
        var limit = TimeSpan.FromSeconds(Host.ConnectTimeoutSeconds + window + 5);
        CommandResult result;
        try
        {
            result = await SshProcess.RunAsync(
                _options.SshExecutable, OpenSshArguments.ForMaster(Host, _options, master.SocketPath, master.LogPath), ReadOnlyMemory<byte>.Empty, limit, _options.TimeProvider, static () => { }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new HostUnreachableException(
                Host.Name,
                $"no SSH answer from {Where} within {limit.TotalSeconds:0} s (connect_timeout {Host.ConnectTimeoutSeconds} s, then keep-alives for {window} s): the host or the network is silent",
                $"Check that {Where} is up and reachable; no command was sent to the host.");
        }
        catch (Win32Exception exception)
        {
            throw CannotStartSsh(exception);
        }

        var log = ReadLog(master) + result.StandardError;
        if (result.Succeeded)
        {
            if (OpenSshErrors.HostKeyNotRecorded(Host, log) is { } notRecorded)
            {
                await ExitMasterAsync(Host, _options, master).ConfigureAwait(false);
                throw notRecorded;
            }

            return;
        }

        if (OpenSshErrors.IsTransientConnectFailure(log))
        {
            throw new TransientConnectionException(OpenSshErrors.Describe(log));
        }

        throw OpenSshErrors.Classify(Host, new CommandResult(OpenSshErrors.SshFailed, string.Empty, log))
            ?? new TransportException(Host.Name, $"cannot open an SSH connection to {Where} (ssh exit {result.ExitCode}): {OpenSshErrors.Describe(log)}", OpenSshErrors.OtherFailureHint(Host, log));
    }

    /// <summary>
    /// After a command failed in ssh itself: when the master is gone, the connection was lost while the command ran
    /// (it may have run, in part or whole, so it is not sent again); the master's log says why. Null when the master still answers.
    /// </summary>
    private async Task<TransportException?> LostConnectionAsync(TransportException? error, CommandResult result)
    {
        if (_master is null || error is HostKeyMismatchException or AuthenticationFailedException || await IsMasterAliveAsync(_master).ConfigureAwait(false))
        {
            return null;
        }

        _master.MarkDown();
        var log = ReadLog(_master);
        var why = log.Contains("not responding", StringComparison.Ordinal)
            ? $"no answer to {Host.KeepAliveCountMax} keep-alives sent {Host.KeepAliveIntervalSeconds} s apart: the network or the host went silent"
            : OpenSshErrors.Describe(log.Length > 0 ? log : result.StandardError);
        return OpenSshErrors.LostConnection(Host, why);
    }

    private async Task<bool> IsMasterAliveAsync(ControlMaster master)
    {
        try
        {
            var check = await SshProcess.RunAsync(
                _options.SshExecutable, OpenSshArguments.ForControl(Host, master.SocketPath, "check", _options.ConfigFile), ReadOnlyMemory<byte>.Empty, ControlTimeout, _options.TimeProvider, static () => { }, CancellationToken.None)
                .ConfigureAwait(false);
            return check.Succeeded;
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception)
        {
            return false;
        }
    }

    private static string ReadLog(ControlMaster master)
    {
        try
        {
            return File.Exists(master.LogPath) ? File.ReadAllText(master.LogPath) : string.Empty;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: the directory is deleted with the factory.
        }
    }
}
