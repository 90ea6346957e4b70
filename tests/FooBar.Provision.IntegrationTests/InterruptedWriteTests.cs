using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// The real <c>provision</c> (a separate process) is killed while it streams a large file to a real sshd: the target
/// keeps its old content and no temporary file stays, whatever the signal.
/// </summary>
/// <remarks>
/// To kill the controller mid-stream for certain (loopback is fast), the test pauses the remote <c>cat</c> that receives
/// the bytes (SIGSTOP; the controller then blocks on a full pipe), sends the signal to the controller, and lets the
/// remote side go on (SIGCONT): it sees end-of-file after a part of the file.
/// </remarks>
[Collection(LoopbackSshd.CollectionName)]
public sealed class InterruptedWriteTests(LoopbackSshd sshd) : IDisposable
{
    private const int FileBytes = 24 * 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("fbcli-kill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public async Task A_controller_killed_mid_stream_leaves_the_old_file_and_no_temporary_file(string signal)
    {
        var target = Path.Combine(_directory, "motd");
        File.WriteAllText(target, "old\n");
        var inventory = WriteInventory();
        using var controller = StartProvision("apply", inventory);

        var temporary = await WaitForAsync(() => Directory.GetFiles(_directory, ".provision.*").FirstOrDefault(), TimeSpan.FromSeconds(90), "the remote temporary file never appeared");
        var receiver = (int)await WaitForAsync(() => (object?)ReceiverOf(temporary), TimeSpan.FromSeconds(10), "no remote process writes the temporary file");
        Signal("STOP", receiver);
        long arrived;
        try
        {
            arrived = new FileInfo(temporary).Length;
            Signal(signal, controller.Id);
            await controller.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Signal("CONT", receiver);
        }

        await WaitForAsync(() => Directory.GetFiles(_directory, ".provision.*").Length == 0 ? "" : null, TimeSpan.FromSeconds(30), "the temporary file stayed");
        Assert.InRange(arrived, 0, FileBytes - 1);
        Assert.Equal("old\n", File.ReadAllText(target));
        Assert.NotEqual(0, controller.ExitCode);
    }

    private static Process StartProvision(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "provision.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("provision did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The process (the remote script's <c>cat</c>) that has <paramref name="path"/> open, or null.</summary>
    private static int? ReceiverOf(string path)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() == "cat" &&
                    Directory.GetFiles(Path.Combine(directory, "fd")).Any(fd => new FileInfo(fd).LinkTarget == path))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan limit, string failure)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException(failure);
    }

    private string WriteInventory()
    {
        // A template override makes the base role's motd a large file.
        var templates = Directory.CreateDirectory(Path.Combine(_directory, "templates", "base")).FullName;
        var line = new string('x', 1023) + "\n";
        File.WriteAllText(Path.Combine(templates, "motd.hbs"), new StringBuilder(FileBytes).Insert(0, line, FileBytes / line.Length).ToString());
        return LoopbackInventory.Write(sshd, _directory);
    }
}
