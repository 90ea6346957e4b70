using System.Diagnostics;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The cold converge of a fresh lab host 22 interrupted while <c>apt-get install</c> runs: the controller killed
/// (SIGKILL) or terminated (SIGTERM), and once with the install's shell, apt-get and dpkg killed too (a power cut or
/// the OOM killer during the install: dpkg is left interrupted, and the service hold, policy-rc.d, left behind). The
/// host is left no worse, the next apply converges it (repairs dpkg first, removes the hold), the one after changes
/// nothing.
/// </summary>
public sealed class AptFaultTests(ITestOutputHelper output)
{
    private const int Host = 22;

    private static string Hold => Interruptions.Root(Host) + "/usr/sbin/policy-rc.d";

    [Theory]
    [InlineData("KILL", false)]
    [InlineData("TERM", false)]
    [InlineData("KILL", true)]
    public async Task A_cold_converge_interrupted_during_apt_leaves_the_host_no_worse_and_the_next_apply_converges(string signal, bool dpkgKilledToo)
    {
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", Host.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        var marker = Interruptions.NewMarker();
        var inventory = LabInventory.Write(Host, "mysql, app-files, app-server, nginx", $"  domain: {Interruptions.Domain}\n  app_source: {Interruptions.Release(marker)}");

        using var controller = Interruptions.Start("apply", inventory);
        // apt-get runs dpkg with --status-fd when it installs (the other dpkg runs are quick queries).
        var installing = Interruptions.Until(() => Interruptions.HostProcesses(Host, "dpkg", "--status-fd").Length > 0 || controller.HasExited, TimeSpan.FromMinutes(5));
        Assert.True(installing && !controller.HasExited, "dpkg never ran on the host while the apply did");
        Thread.Sleep(1500);
        var interrupted = Interruptions.HostProcesses(Host, "apt-get");
        Assert.True(interrupted.Length > 0, "apt-get ended before the controller could be interrupted");
        if (dpkgKilledToo)
        {
            // A power cut or the OOM killer takes the install's shell too, first here, so its exit trap never runs.
            var shells = interrupted.Select(Parent).Distinct().ToArray();
            foreach (var pid in shells.Concat(interrupted).Concat(Interruptions.HostProcesses(Host, "dpkg")))
            {
                Interruptions.Signal("KILL", pid);
            }
        }

        Interruptions.Signal(signal, controller.Id);
        Assert.True(controller.WaitForExit(30_000), $"provision did not end within 30 s of SIG{signal}");
        var audit = Lab.Ssh(Host, "dpkg --audit 2>&1 | head -3; true").Trim();
        var holdLeft = File.Exists(Hold);

        var clock = Stopwatch.StartNew();
        var apply = Provision.Json("apply", inventory);
        var seconds = clock.Elapsed.TotalSeconds;
        var again = Provision.Json("apply", inventory);
        var problems = await Interruptions.InconsistenciesAsync(Host, marker);

        output.WriteLine($"SIG{signal} during apt-get install{(dpkgKilledToo ? ", apt-get and dpkg killed too" : "")}: tries 1, hosts left inconsistent {(problems.Count == 0 ? 0 : 1)}; " +
                         $"dpkg --audit right after: {(audit.Length == 0 ? "clean" : audit.Split('\n')[0])}; the next apply converged in {seconds:0.0} s");
        Assert.True(apply.Exit == 0, apply.Raw);
        Assert.True(again.Exit == 0 && Interruptions.Changed(again.Report) == 0, again.Raw);
        Assert.Empty(problems);
        Assert.False(File.Exists(Interruptions.Root(Host) + Interruptions.Journal), "the journal is gone once everything was paid");
        Assert.False(File.Exists(Hold), "the services' hold (policy-rc.d) is gone after the next apply");
        if (dpkgKilledToo)
        {
            Assert.True(holdLeft, "the killed install's shell left its service hold: the case the next apply must clear");
            Assert.NotEmpty(audit);
            Assert.Contains("finished an interrupted dpkg run first", apply.Raw, StringComparison.Ordinal);
        }
    }

    /// <summary>The parent of process <paramref name="pid"/> (field 4 of /proc/PID/stat, after the name in parentheses).</summary>
    private static int Parent(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
