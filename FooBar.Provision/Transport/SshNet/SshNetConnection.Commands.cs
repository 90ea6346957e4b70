using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>Running one command on a channel: a free slot, a channel (waiting when the server refuses one), stdin, the deadline.</summary>
internal sealed partial class SshNetConnection
{
    private static readonly TimeSpan FirstRefusalWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestRefusalWait = TimeSpan.FromMilliseconds(500);

    /// <summary>How long stopping a command's remote processes may take (the host may be the reason it hung).</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    protected override async Task<CommandResult> SendAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        CheckBeforeConnecting();

        _options.CommandLog?.Invoke(script);
        return await RunOnChannelAsync(script, input, timeout ?? TimeSpan.FromSeconds(Host.CommandTimeoutSeconds), stop: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="script"/> on a channel of its own. A command (not a <paramref name="stop"/>) takes one of the
    /// bounded slots, counts as a round trip, and carries a marker: when its deadline passes or its token is cancelled, one
    /// more command (a stop, not counted) sends SIGTERM to its processes on the host (<see cref="RemoteStop"/>).
    /// </summary>
    private async Task<CommandResult> RunOnChannelAsync(string script, ReadOnlyMemory<byte>? input, TimeSpan limit, bool stop, CancellationToken cancellationToken)
    {
        // The system timer counts whole milliseconds and may fire up to 1 ms before `limit` has passed on a high-resolution
        // clock: one more millisecond so a deadline never ends a command early.
        using var deadline = new CancellationTokenSource(limit + TimeSpan.FromMilliseconds(1), _options.TimeProvider);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var marker = RemoteStop.NewMarker();
        var stdin = RemoteCommandLine.StandardInput(Host, input, out var secretBuffer);

        // SSH.NET sends end-of-file only after some bytes were written: with nothing to send, stdin is /dev/null on the host.
        var commandLine = RemoteCommandLine.For(Host, stop ? script : RemoteStop.Tag(marker, script)) + (stdin.IsEmpty ? " </dev/null" : string.Empty);
        var slotTaken = false;
        var handedOver = false;
        try
        {
            if (!stop)
            {
                await _channels.WaitAsync(bounded.Token).ConfigureAwait(false);
                slotTaken = true;
            }

            var (link, command, execution) = await StartAsync(commandLine, bounded.Token).ConfigureAwait(false);
            if (!stop)
            {
                CountRoundTrip();
            }

            var (result, finished) = await FinishAsync(link, command, execution, stdin, bounded.Token).ConfigureAwait(false);
            if (!finished)
            {
                // Abandoned (deadline, cancellation, lost connection): the slot and the password are given back once the channel is closed.
                handedOver = true;
                CloseInBackground(command, execution, slotTaken, secretBuffer);
                if (link.LostReason is { } why && !bounded.IsCancellationRequested)
                {
                    throw OpenSshErrors.LostConnection(Host, why);
                }

                if (!stop)
                {
                    StartRemoteStop(marker);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw TimedOut(limit);
            }

            return (Host.Become && result.ExitCode is 1 or 127 ? OpenSshErrors.ClassifySudo(Host, result.StandardError) : null) is { } sudo ? throw sudo : result;
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
                    throw OpenSshErrors.CannotReach(Host, $"the SSH connection dropped and, opened again, dropped again before the command could start ({exception.Message.TrimEnd('.')}); no command was sent");
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

    /// <inheritdoc />
    protected override async Task<bool> StopRemoteAsync(string marker)
    {
        try
        {
            var result = await RunOnChannelAsync(RemoteStop.Script(marker), null, StopLimit, stop: true, CancellationToken.None).ConfigureAwait(false);
            return result.Succeeded;
        }
        catch (Exception exception) when (exception is TransportException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Closes an abandoned command's channel, then gives back its slot (when it took one) and clears the password.</summary>
    private void CloseInBackground(SshCommand command, Task execution, bool slotTaken, byte[]? secretBuffer) => _ = Task.Run(() =>
    {
        try
        {
            command.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The channel or the connection is gone already.
        }
        finally
        {
            Observe(execution);
            if (slotTaken)
            {
                _channels.Release();
            }

            if (secretBuffer is not null)
            {
                Array.Clear(secretBuffer);
            }
        }
    });

    private CommandTimeoutException TimedOut(TimeSpan limit) => new(
        Host.Name,
        $"a command on {Where} ran longer than its deadline ({limit.TotalSeconds:0.#} s); its channel was closed, and one more command sends SIGTERM to its processes on the host",
        "Raise command_timeout for the host, or find out why it hangs (waiting for input?).");

    private static void Observe(Task task) =>
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
