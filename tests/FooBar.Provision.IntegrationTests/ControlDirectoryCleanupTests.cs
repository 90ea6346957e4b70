using System.Diagnostics;
using System.Globalization;
using FooBar.Provision.IntegrationTests.AgentJump;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// Nothing is left in the controller's temporary directory, whatever ends it: the real <c>provision</c> as a child
/// process with its own TMPDIR, one host whose command is under way over its master (a private sshd whose
/// ForceCommand sleeps) and one silent (the run is in the middle of connecting to it).
/// </summary>
/// <remarks>
/// The host under way must be held: <c>facts</c> closes a host's master as soon as that host is done, so an answering
/// host's socket lives for one round trip (about 0.1 s), which polling catches only sometimes. The control
/// directories are the OpenSSH transport's, so the inventory names <c>transport: openssh</c>; a run on SSH.NET (the
/// default) creates none, and leaves nothing either.
/// </remarks>
[Collection(LoopbackSshd.CollectionName)]
public sealed class ControlDirectoryCleanupTests(LoopbackSshd sshd, ITestOutputHelper output) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("fb-tmpdir-").FullName;
    private Task<string> _output = Task.FromResult(string.Empty);
    private Task<string> _error = Task.FromResult(string.Empty);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_run_ended_by_a_signal_closes_its_masters_and_leaves_nothing_in_the_temporary_directory(string signal)
    {
        await using var held = await HeldSshdAsync();
        await using var silent = FaultyListener.Silent();
        using var run = Start(Inventory("openssh", Held(held), Silent(silent.Port, 30)), "facts");
        await WaitForMasterSocketAsync(run);

        Signal(signal, run.Id);
        EndsAfterSignal(run);

        output.WriteLine($"exit {run.ExitCode}\n{await _output}\n{await _error}");
        Assert.Equal(signal == "INT" ? 130 : 143, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_temp)); // the runtime's own diagnostics sockets are gone too
        Assert.Empty(ProcessesMentioning(_temp).Select(Describe));
    }

    [Fact]
    public async Task A_run_on_SshNet_ended_by_a_signal_leaves_nothing_in_the_temporary_directory_either()
    {
        await using var held = await HeldSshdAsync();
        await using var silent = FaultyListener.Silent();
        using var run = Start(Inventory("sshnet", Held(held), Silent(silent.Port, 30)), "facts");
        await WaitAsync(run, "the held host's command", () => SshdSessions.Of(held.ProcessId).Any(IsSleeping));

        Signal("TERM", run.Id);
        EndsAfterSignal(run);

        output.WriteLine($"exit {run.ExitCode}\n{await _output}\n{await _error}");
        Assert.Equal(143, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
        Assert.Empty(ProcessesMentioning(_temp).Select(Describe));
    }

    [Fact]
    public async Task A_killed_run_leaves_its_directory_and_the_next_run_removes_it()
    {
        await using var held = await HeldSshdAsync();
        await using var silent = FaultyListener.Silent();
        using (var killed = Start(Inventory("openssh", Held(held), Silent(silent.Port, 3)), "facts"))
        {
            await WaitForMasterSocketAsync(killed);
            killed.Kill(); // SIGKILL: no code of the controller runs
            await killed.WaitForExitAsync();
        }

        Assert.Single(Ours());

        using var next = Start(Inventory("openssh", Quick()), "facts");
        Assert.True(next.WaitForExit(TimeSpan.FromSeconds(60)), "the next run did not end");

        output.WriteLine($"next: exit {next.ExitCode}\n{await _output}\n{await _error}");
        Assert.Equal(0, next.ExitCode);
        Assert.Empty(Ours());

        // The next run closed the killed run's master; its ssh that was still connecting to the silent host ends by itself within its connect timeout.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(ProcessesMentioning(_temp).Select(Describe));
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

    /// <summary>A private sshd that accepts the test's key and runs every command as <c>sleep 30</c>: a host whose command stays under way.</summary>
    private async Task<PrivateSshd> HeldSshdAsync()
    {
        var held = await PrivateSshd.StartAsync(sshd.WorkDirectory, "held-" + Guid.NewGuid().ToString("N")[..8], "127.0.0.1", "ForceCommand sleep 30");
        await held.AuthorizeAsync(sshd.ClientKeyFile);
        return held;
    }

    private string Held(PrivateSshd held)
    {
        var knownHosts = Path.Combine(held.Directory, "known_hosts");
        File.WriteAllText(knownHosts, held.KnownHostsLine + "\n");
        return Host("held", held.Port, knownHosts, 10);
    }

    private string Quick() => Host("quick", sshd.Port, sshd.KnownHostsFile, 10);

    private string Silent(int port, int connectTimeout) => Host("silent", port, sshd.KnownHostsFile, connectTimeout);

    private string Host(string name, int port, string knownHosts, int connectTimeout) => string.Create(CultureInfo.InvariantCulture, $"""
          {name}:
            address: 127.0.0.1
            port: {port}
            user: root
            identity_file: {sshd.ClientKeyFile}
            known_hosts: {knownHosts}
            connect_timeout: {connectTimeout}
        """);

    private string Inventory(string transport, params string[] hosts)
    {
        var path = Path.Combine(sshd.WorkDirectory, $"cleanup-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"transport: {transport}\nhosts:\n" + string.Join("\n", hosts) + "\n");
        return path;
    }

    private Process Start(string inventory, params string[] verb)
    {
        // Through `env --default-signal`: a test run started in the background by a non-interactive shell inherits SIGINT
        // ignored, and an ignored signal stays ignored across exec (provision then rightly ignores Ctrl+C too).
        var start = new ProcessStartInfo("env", ["--default-signal", "dotnet", Path.Combine(AppContext.BaseDirectory, "provision.dll"), verb[0], inventory, .. verb[1..]])
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

    /// <summary>Waits until the run's control directory holds a master's socket (the held host is connected, its command under way).</summary>
    private Task WaitForMasterSocketAsync(Process run) =>
        WaitAsync(run, "a master socket", () => Directory.GetDirectories(_temp).SelectMany(ControlSockets.In).Any());

    private async Task WaitAsync(Process run, string what, Func<bool> condition)
    {
        // Polled on a thread of its own: the thread pool can be starved for seconds while the whole suite runs.
        var seen = await Task.Factory.StartNew(
            () =>
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (DateTime.UtcNow < deadline && !run.HasExited)
                {
                    if (condition())
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
        if (!seen)
        {
            throw new InvalidOperationException($"{what} did not appear within 30 s (exited: {run.HasExited})\n{(run.HasExited ? await _output + await _error : string.Empty)}");
        }
    }

    private static bool IsSleeping(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int[] ProcessesMentioning(string text) =>
        Directory.GetDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var pid) ? pid : 0, Directory: d))
            .Where(p => p.Pid > 0 && p.Pid != Environment.ProcessId && ReadCommandLine(p.Directory).Contains(text, StringComparison.Ordinal))
            .Select(p => p.Pid)
            .ToArray();

    /// <summary>The process and its command line, for a failure message.</summary>
    /// <summary>
    /// Waits for the run to end after the signal: 0.0–3.0 s (the remote stop of the held command is bounded at 3 s); a
    /// failure shows what was still running.
    /// </summary>
    private void EndsAfterSignal(Process run)
    {
        var clock = Stopwatch.StartNew();
        if (!run.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            Assert.Fail($"provision did not end within 15 s of the signal; still running: {string.Join("; ", ProcessesMentioning(_temp).Select(Describe))}; its processes: {string.Join("; ", ChildrenOf(run.Id).Select(Describe))}");
        }

        output.WriteLine($"ended {clock.Elapsed.TotalSeconds:0.0} s after the signal");
    }

    private static int[] ChildrenOf(int pid) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var child) ? child : 0)
            .Where(child => child > 0 && ParentOf(child) == pid)
            .ToArray();

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static string Describe(int pid) => $"{pid}: {ReadCommandLine($"/proc/{pid}")}";

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
