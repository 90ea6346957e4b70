using System.Text;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Contract;

/// <summary>Files are written atomically with their mode and owner, and an interrupted write changes nothing.</summary>
public abstract class WritesContract(ContractHost host, ITestOutputHelper output) : TransportContract(host, output)
{
    private string? _directory;

    private string Here => _directory ??= TemporaryDirectory("fbssh-write-");

    [Fact]
    public async Task Writes_the_content_mode_and_owner_in_one_round_trip()
    {
        var connection = Open();
        var path = Path.Combine(Here, "site.conf");
        var content = Encoding.UTF8.GetBytes("server { listen 80; } # é 🚀\n\0binary\xff");

        await connection.WriteFileAsync(new RemoteFile(path, content, "0640", "nobody", "nogroup"));

        Assert.Equal(1, connection.RoundTrips);
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal("640 nobody nogroup\n", await StatAsync(connection, "%a %U %G", path));
    }

    [Fact]
    public async Task Replaces_an_existing_file_by_rename_and_leaves_no_temporary_file()
    {
        var connection = Open();
        var path = Path.Combine(Here, "app.ini");
        File.WriteAllText(path, "old\n");
        var inodeBefore = await StatAsync(connection, "%i", path);

        await connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("new\n"), "0600"));

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.NotEqual(inodeBefore, await StatAsync(connection, "%i", path));
        Assert.Equal("600\n", await StatAsync(connection, "%a", path));
        Assert.Equal([path], Directory.GetFileSystemEntries(Here));
    }

    [Fact]
    public async Task Keeps_a_copy_of_the_current_file_when_BackupPath_is_set()
    {
        var path = Path.Combine(Here, "nginx.conf");
        var backup = Path.Combine(Here, "nginx.conf.bak");
        File.WriteAllText(path, "old\n");

        await Open().WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("new\n")) { BackupPath = backup });

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal("old\n", File.ReadAllText(backup));
    }

    [Fact]
    public async Task Makes_no_backup_when_there_is_no_current_file()
    {
        var path = Path.Combine(Here, "new.conf");
        var backup = Path.Combine(Here, "new.conf.bak");

        await Open().WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x")) { BackupPath = backup });

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(backup));
    }

    [Fact]
    public async Task Writes_to_a_hostile_path_intact()
    {
        var path = Path.Combine(Here, "it's \"$(id)\" `id`;\n *?~! é");

        await Open().WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("content")));

        Assert.Equal("content", File.ReadAllText(path));
    }

    [Fact]
    public async Task Writes_an_empty_file()
    {
        var path = Path.Combine(Here, "empty");
        File.WriteAllText(path, "old\n");

        await Open().WriteFileAsync(new RemoteFile(path, ReadOnlyMemory<byte>.Empty));

        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_failed_write_throws_RemoteCommandFailedException_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(Here, "owned.conf");

        var exception = await Assert.ThrowsAsync<RemoteCommandFailedException>(
            () => Open().WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"), Owner: "no-such-user-fbssh")));

        Assert.NotEqual(0, exception.ExitCode);
        Assert.Contains("no-such-user-fbssh", exception.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Here));
    }

    [Fact]
    public async Task Writing_into_a_missing_directory_throws_RemoteCommandFailedException()
    {
        var path = Path.Combine(Here, "missing", "file");

        var exception = await Assert.ThrowsAsync<RemoteCommandFailedException>(
            () => Open().WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"))));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_cancelled_mid_stream_leaves_the_old_file_and_no_temporary_file()
    {
        var connection = Open();
        var (path, write, receiver, cancellation) = await StartPausedWriteAsync(connection);
        using var _ = cancellation;
        try
        {
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
            await connection.DisposeAsync(); // whatever the transport does on the host after a cancellation happens while the receiver is paused
        }
        finally
        {
            ControllerProcess.Signal("CONT", receiver);
        }

        await AssertNothingHalfDoneAsync(path);
    }

    [Fact]
    public async Task A_write_whose_connection_drops_mid_stream_leaves_the_old_file_and_no_temporary_file()
    {
        var connection = Open();
        var (path, write, receiver, cancellation) = await StartPausedWriteAsync(connection);
        using var _ = cancellation;
        try
        {
            ControllerProcess.Signal("KILL", SessionProcessOf(receiver)); // the server's end of the connection, not the script
            await Assert.ThrowsAnyAsync<TransportException>(() => write);
            await connection.DisposeAsync();
        }
        finally
        {
            ControllerProcess.Signal("CONT", receiver);
        }

        await AssertNothingHalfDoneAsync(path);
    }

    private async Task<(string Path, Task Write, int Receiver, CancellationTokenSource Cancellation)> StartPausedWriteAsync(IHostConnection connection)
    {
        var path = Path.Combine(Here, "motd");
        var content = new byte[24 * 1024 * 1024];
        new Random(24).NextBytes(content);
        await connection.RunAsync(new RemoteCommand($"true"));
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            File.WriteAllText(path, "old\n");
            var cancellation = new CancellationTokenSource();
            var write = connection.WriteFileAsync(new RemoteFile(path, content), cancellation.Token);
            while (!write.IsCompleted)
            {
                // Loopback is fast: pause the remote cat that receives the bytes, so the sender blocks mid-stream.
                if (Directory.GetFiles(Here, ".provision.*").FirstOrDefault() is { } temporary && ControllerProcess.ReceiverOf(temporary) is { } receiver)
                {
                    ControllerProcess.Signal("STOP", receiver);
                    if (new FileInfo(temporary).Length < content.Length)
                    {
                        return (path, write, receiver, cancellation);
                    }

                    ControllerProcess.Signal("CONT", receiver);
                }

                await Task.Delay(2);
            }

            await write;
            cancellation.Dispose();
        }

        throw new TimeoutException("in 5 tries, no write was caught mid-stream");
    }

    private async Task AssertNothingHalfDoneAsync(string path)
    {
        var clean = await HostProcesses.WaitUntilAsync(() => Directory.GetFiles(Here, ".provision.*").Length == 0, TimeSpan.FromSeconds(30));

        Assert.True(clean, "the temporary file stayed");
        Assert.Equal("old\n", File.ReadAllText(path));
    }

    /// <summary>The sshd process that serves the connection <paramref name="pid"/> runs in (its nearest sshd ancestor).</summary>
    private static int SessionProcessOf(int pid)
    {
        for (var current = pid; current > 1;)
        {
            var stat = File.ReadAllText($"/proc/{current}/stat");
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            if (name.StartsWith("sshd", StringComparison.Ordinal))
            {
                return current;
            }

            current = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"process {pid} does not run under sshd");
    }

    private static async Task<string> StatAsync(IHostConnection connection, string format, string path) =>
        (await connection.RunAsync(new RemoteCommand($"stat -c {format} {path}"))).StandardOutput;
}
