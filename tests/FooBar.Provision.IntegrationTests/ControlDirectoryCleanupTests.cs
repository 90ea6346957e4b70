using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// Nothing is left in the controller's temporary directory, whatever ends it: the real <c>provision</c> as a child
/// process with its own TMPDIR, one host answering (its master is up) and one silent (the run is in the middle of it).
/// </summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class ControlDirectoryCleanupTests(LoopbackSshd sshd, ITestOutputHelper output) : IDisposable
{
    // Long enough that the killed run is still waiting for the silent host when its quick host's master is seen, even
    // when a loaded machine (the whole suite at once) starts provision slowly: 3 s lost that race in CI.
    private const int KilledRunConnectTimeout = 8;

    private readonly string _temp = Directory.CreateTempSubdirectory("fb-tmpdir-").FullName;
    private Task<string> _output = Task.FromResult(string.Empty);
    private Task<string> _error = Task.FromResult(string.Empty);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_run_ended_by_a_signal_closes_its_masters_and_leaves_nothing_in_the_temporary_directory(string signal)
    {
        await using var silent = FaultyListener.Silent();
        using var run = Start(Inventory(silent.Port), "facts");
        await WaitForMasterSocketAsync(run);

        Signal(signal, run.Id);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), "provision did not end within 15 s of the signal");

        output.WriteLine($"exit {run.ExitCode}\n{await _output}\n{await _error}");
        Assert.Equal(signal == "INT" ? 130 : 143, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_temp)); // the runtime's own diagnostics sockets are gone too
        Assert.Empty(ProcessesMentioning(_temp));
    }

    [Fact]
    public async Task A_killed_run_leaves_its_directory_and_the_next_run_removes_it()
    {
        await using var silent = FaultyListener.Silent();
        using (var killed = Start(Inventory(silent.Port, silentConnectTimeout: KilledRunConnectTimeout), "facts"))
        {
            await WaitForMasterSocketAsync(killed);
            killed.Kill(); // SIGKILL: no code of the controller runs
            await killed.WaitForExitAsync();
        }

        Assert.Single(Ours());

        using var next = Start(Inventory(silent.Port), "facts", "--limit", "quick");
        Assert.True(next.WaitForExit(TimeSpan.FromSeconds(60)), "the next run did not end");

        Assert.Equal(0, next.ExitCode);
        Assert.Empty(Ours());

        // The killed run's ssh that was still connecting to the silent host ends by itself within its connect timeout.
        await Task.Delay(TimeSpan.FromSeconds(KilledRunConnectTimeout + 1));
        Assert.Empty(ProcessesMentioning(_temp));
    }

    /// <summary>What FooBar.Provision put in the temporary directory (the .NET runtime adds its own diagnostics sockets, which a SIGKILL leaves too).</summary>
    private string[] Ours() => Directory.GetFileSystemEntries(_temp, "fbssh-*");

    public void Dispose()
    {
        foreach (var pid in ProcessesMentioning(_temp))
        {
            Signal("KILL", pid);
        }

        Directory.Delete(_temp, recursive: true);
    }

    private string Inventory(int silentPort, int silentConnectTimeout = 30)
    {
        var path = Path.Combine(sshd.WorkDirectory, $"cleanup-{Guid.NewGuid():N}.yaml");
        string Host(string name, int port, string knownHosts) => string.Create(CultureInfo.InvariantCulture, $"""
              {name}:
                address: 127.0.0.1
                port: {port}
                user: root
                identity_file: {sshd.ClientKeyFile}
                known_hosts: {knownHosts}
                connect_timeout: {(port == silentPort ? silentConnectTimeout : 10)}
            """);
        File.WriteAllText(path, "hosts:\n" + Host("quick", sshd.Port, sshd.KnownHostsFile) + "\n" + Host("silent", silentPort, sshd.KnownHostsFile) + "\n");
        return path;
    }

    private Process Start(string inventory, params string[] verb)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "provision.dll"), verb[0], inventory, .. verb[1..]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["TMPDIR"] = _temp;
        var process = Process.Start(start) ?? throw new InvalidOperationException("provision did not start");
        process.StandardInput.Close();
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Waits until the run's control directory holds a master's socket (the answering host is connected).</summary>
    private async Task WaitForMasterSocketAsync(Process run)
    {
        // Polled on a thread of its own: the thread pool can be starved for seconds while the whole suite runs.
        var seen = await Task.Factory.StartNew(
            () =>
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (DateTime.UtcNow < deadline && !run.HasExited)
                {
                    if (Directory.GetDirectories(_temp).SelectMany(ControlSockets.In).Any())
                    {
                        return true;
                    }

                    Thread.Sleep(50);
                }

                return false;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        if (seen)
        {
            await Task.Delay(300); // let facts of the quick host finish while the silent one is still waited for
            return;
        }

        throw new InvalidOperationException($"no master socket appeared within 30 s (exited: {run.HasExited})\n{(run.HasExited ? await _output + await _error : string.Empty)}");
    }

    private static int[] ProcessesMentioning(string text) =>
        Directory.GetDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var pid) ? pid : 0, Directory: d))
            .Where(p => p.Pid > 0 && p.Pid != Environment.ProcessId && ReadCommandLine(p.Directory).Contains(text, StringComparison.Ordinal))
            .Select(p => p.Pid)
            .ToArray();

    private static string ReadCommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
