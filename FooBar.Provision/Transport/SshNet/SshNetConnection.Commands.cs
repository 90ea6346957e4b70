using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>Running one command on a channel: a free slot, a channel (waiting when the server refuses one), stdin, the deadline.</summary>
internal sealed partial class SshNetConnection
{
    private static readonly TimeSpan FirstRefusalWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestRefusalWait = TimeSpan.FromMilliseconds(500);

    private async Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_knownHostsChecked)
        {
            _knownHostsChecked = KnownHostsCheck.Problem(_host) is { } unrecordable ? throw unrecordable : true;
        }

        var limit = timeout ?? TimeSpan.FromSeconds(_host.CommandTimeoutSeconds);
        using var deadline = new CancellationTokenSource(limit, _options.TimeProvider);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        _options.CommandLog?.Invoke(script);
        var stdin = RemoteCommandLine.StandardInput(_host, input, out var secretBuffer);

        // SSH.NET sends end-of-file only after some bytes were written: with nothing to send, stdin is /dev/null on the host.
        var commandLine = RemoteCommandLine.For(_host, script) + (stdin.IsEmpty ? " </dev/null" : string.Empty);
        var slotTaken = false;
        var handedOver = false;
        try
        {
            await _channels.WaitAsync(bounded.Token).ConfigureAwait(false);
            slotTaken = true;
            var (link, command, execution) = await StartAsync(commandLine, bounded.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _roundTrips);
            var (result, finished) = await FinishAsync(link, command, execution, stdin, bounded.Token).ConfigureAwait(false);
            if (!finished)
            {
                // Abandoned (deadline, cancellation, lost connection): the slot and the password are given back once the channel is closed.
                handedOver = true;
                CloseInBackground(command, execution, secretBuffer);
                cancellationToken.ThrowIfCancellationRequested();
                throw link.LostReason is { } why && !deadline.IsCancellationRequested
                    ? OpenSshErrors.LostConnection(_host, why)
                    : TimedOut(limit);
            }

            return (_host.Become && result.ExitCode is 1 or 127 ? OpenSshErrors.ClassifySudo(_host, result.StandardError) : null) is { } sudo ? throw sudo : result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(limit);
        }
        finally
        {
            if (!handedOver)
            {
                if (slotTaken)
                {
                    _channels.Release();
                }

                if (secretBuffer is not null)
                {
                    Array.Clear(secretBuffer);
                }
            }
        }
    }

    /// <summary>
    /// Opens a channel and sends the command. Nothing has run on the host until it returns, so a connection found dropped is
    /// opened again (once) and a channel the server refuses is waited for and asked again, within the deadline.
    /// </summary>
    private async Task<(SshNetLink Link, SshCommand Command, Task Execution)> StartAsync(string commandLine, CancellationToken cancellationToken)
    {
        var reconnected = false;
        var wait = FirstRefusalWait;
        while (true)
        {
            var link = await LinkAsync(cancellationToken).ConfigureAwait(false);
            var command = link.Client.CreateCommand(commandLine);

            // SSH.NET opens the channel synchronously (it waits for the server's answer): on the pool, bounded by the token.
            var opening = Task.Factory.StartNew(() => command.ExecuteAsync(CancellationToken.None), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            try
            {
                var execution = await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
                return (link, command, execution);
            }
            catch (OperationCanceledException)
            {
                _ = opening.ContinueWith(_ => command.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }
            catch (SshException exception) when (SshNetChannels.IsRefused(exception))
            {
                command.Dispose();
                await Task.Delay(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRefusalWait.Ticks));
            }
            catch (Exception exception) when (SshNetChannels.IsConnectionGone(exception))
            {
                command.Dispose();
                link.MarkLost(exception.Message.TrimEnd('.'));
                if (reconnected)
                {
                    throw OpenSshErrors.CannotReach(_host, $"the SSH connection dropped and, opened again, dropped again before the command could start ({exception.Message.TrimEnd('.')}); no command was sent");
                }

                reconnected = true;
            }
        }
    }

    /// <summary>Feeds stdin (then closes it: the command sees end-of-file) and waits for the command; false when it was abandoned.</summary>
    private static async Task<(CommandResult Result, bool Finished)> FinishAsync(SshNetLink link, SshCommand command, Task execution, ReadOnlyMemory<byte> stdin, CancellationToken cancellationToken)
    {
        link.Started(command);
        var writer = Task.Run(() => WriteInput(command, stdin), CancellationToken.None);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, link.LostToken);
        try
        {
            await execution.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            link.Finished(command);
            Observe(writer);
            return (new CommandResult(-1, string.Empty, string.Empty), false);
        }
        catch (Exception exception) when (SshNetChannels.IsConnectionGone(exception) || exception is SshException)
        {
            link.Finished(command);
            link.MarkLost(exception.Message.TrimEnd('.'));
            Observe(writer);
            return (new CommandResult(-1, string.Empty, string.Empty), false);
        }

        link.Finished(command);
        Observe(writer);
        var result = new CommandResult(SshNetChannels.ExitCode(command), command.Result, command.Error);
        command.Dispose();
        return (result, true);
    }

    /// <summary>Writes <paramref name="stdin"/> and closes it (end-of-file); a command that exits without reading it all ends the write.</summary>
    private static void WriteInput(SshCommand command, ReadOnlyMemory<byte> stdin)
    {
        if (stdin.IsEmpty)
        {
            return;
        }

        using var input = command.CreateInputStream();
        input.Write(stdin.Span);
    }

    /// <summary>Closes an abandoned command's channel (asking the server to end the process with SIGTERM first), then gives back its slot and clears the password.</summary>
    private void CloseInBackground(SshCommand command, Task execution, byte[]? secretBuffer) => _ = Task.Run(() =>
    {
        try
        {
            if (!execution.IsCompleted)
            {
                command.CancelAsync(forceKill: false, millisecondsTimeout: 0);
            }

            command.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The channel or the connection is gone already.
        }
        finally
        {
            Observe(execution);
            _channels.Release();
            if (secretBuffer is not null)
            {
                Array.Clear(secretBuffer);
            }
        }
    });

    private CommandTimeoutException TimedOut(TimeSpan limit) => new(
        _host.Name,
        $"a command on {Where} ran longer than its deadline ({limit.TotalSeconds:0.#} s); its channel was closed",
        "Raise command_timeout for the host, or find out why it hangs (waiting for input?). The remote process was sent SIGTERM and may still be running.");

    private static void Observe(Task task) =>
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
