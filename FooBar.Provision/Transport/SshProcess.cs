using System.Diagnostics;
using System.Text;

namespace FooBar.Provision.Transport;

/// <summary>Runs one local <c>ssh</c> process: feeds stdin, reads stdout and stderr concurrently, enforces the timeout.</summary>
internal static class SshProcess
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> and returns what it returned.</summary>
    /// <param name="executable">The ssh executable.</param>
    /// <param name="arguments">Its arguments, passed one by one (never joined into a command line).</param>
    /// <param name="input">The bytes for its stdin, which is closed after them.</param>
    /// <param name="timeout">How long it may run before it is killed.</param>
    /// <param name="timeProvider">The clock for the timeout.</param>
    /// <param name="started">Called once the process has started.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <exception cref="TimeoutException">The process ran longer than <paramref name="timeout"/> and was killed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled and the process was killed.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    public static async Task<CommandResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        ReadOnlyMemory<byte> input,
        TimeSpan timeout,
        TimeProvider timeProvider,
        Action started,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The deadline counts from the call: starting ssh can take a while on a loaded machine.
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var process = new Process { StartInfo = StartInfo(executable, arguments) };
        process.Start();
        started();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderr = ReadAllAsync(process.StandardError.BaseStream);
        var stdin = WriteAndCloseAsync(process.StandardInput, input);
        var pipes = Task.WhenAll(stdout, stderr, stdin);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await pipes.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"killed after {timeout.TotalSeconds:0.###} s");
        }

        var output = Utf8.GetString(await stdout.ConfigureAwait(false));
        return new CommandResult(process.ExitCode, output, Utf8.GetString(await stderr.ConfigureAwait(false)));
    }

    private static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Our end was closed because the process was killed and its output abandoned.
        }

        return buffer.ToArray();
    }

    private static async Task WriteAndCloseAsync(StreamWriter stdin, ReadOnlyMemory<byte> input)
    {
        try
        {
            if (!input.IsEmpty)
            {
                await stdin.BaseStream.WriteAsync(input).ConfigureAwait(false);
                await stdin.BaseStream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The command exited (or ssh failed, or was killed) without reading all of its input: its exit code tells the story.
        }
        finally
        {
            try
            {
                stdin.Dispose();
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // Same as above: the pipe is already closed on the other side.
            }
        }
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            // Not the whole tree: walking it reads all of /proc, slow on a loaded machine. A mux client has no children; a
            // direct ssh's ProxyCommand ends when its pipes to ssh close.
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);

        // A master connection holds copies of our stdout and stderr (passed to it over the control socket) until the
        // remote command ends, so the pipes may stay open: abandon them at once (disposing the process closes our
        // ends, and the readers end quietly); the output of a killed command is not returned.
    }
}
