using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// Waiting, for real, on fresh lab hosts 31..34: the dpkg lock held by another process during an apply (waited for,
/// or failed clearly with a short <c>apt_lock_timeout</c>), and a host's network cut in the middle of an apply (that
/// host fails within the keep-alive window with a clear message, the other finishes). Afterwards the next apply
/// converges and the one after changes nothing. Every fault is bounded and undone by the test itself.
/// </summary>
public sealed class WaitFaultTests(ITestOutputHelper output)
{
    // A process holding dpkg's frontend lock as apt does (an fcntl lock), for a bounded time, as a transient unit.
    private static string HoldDpkgLock(int seconds) =>
        "systemd-run --quiet --unit=fb-dpkg-lock --collect python3 -c " +
        $"\"import fcntl, time; f = open('/var/lib/dpkg/lock-frontend', 'w'); fcntl.lockf(f, fcntl.LOCK_EX); time.sleep({seconds})\" " +
        "&& i=$(stat -c %i /var/lib/dpkg/lock-frontend) && for n in $(seq 50); do grep -q \":$i \" /proc/locks && break; sleep 0.1; done";

    [Fact]
    public void An_apply_waits_for_the_dpkg_lock_then_installs_and_says_how_long_it_waited()
    {
        const int host = 31;
        Recreate(host);
        var inventory = Inventory((host, "apt_lock_timeout: 60"));
        Lab.Ssh(host, HoldDpkgLock(12));

        var plan = Provision.Json("plan", inventory); // the probe's dpkg-query needs no lock
        var clock = Stopwatch.StartNew();
        var apply = Provision.Json("apply", inventory);
        var seconds = clock.Elapsed.TotalSeconds;
        var again = Provision.Json("apply", inventory);

        Assert.True(plan.Exit == 2, plan.Raw);
        Assert.True(apply.Exit == 0, apply.Raw);
        var packages = Assert.Single(Provision.Resources(apply.Report, "changed"), r => r.GetProperty("id").GetString()!.StartsWith("packages[", StringComparison.Ordinal));
        var summary = packages.GetProperty("summary").GetString() ?? "";
        Assert.Matches(@"waited \d+ s for the package manager's lock \(held by python3 \(pid \d+\)\)", summary);
        var waited = int.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"waited (\d+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(waited, 5, 20);
        Assert.True(again.Exit == 0 && Changed(again.Report) == 0, again.Raw);
        Assert.Equal("install ok installed", Lab.Ssh(host, "dpkg-query -W -f='${Status}' cron").Trim());
        output.WriteLine($"dpkg lock held 12 s: tries 1, hosts left inconsistent 0; the apply waited {waited} s and converged in {seconds:0.0} s ({summary}); the next apply changed 0");
    }

    [Fact]
    public void An_apply_whose_apt_lock_timeout_runs_out_fails_clearly_and_the_next_apply_converges()
    {
        const int host = 32;
        Recreate(host);
        var inventory = Inventory((host, "apt_lock_timeout: 3"));
        Lab.Ssh(host, HoldDpkgLock(60));
        try
        {
            var clock = Stopwatch.StartNew();
            var failed = Provision.Json("apply", inventory);
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.True(failed.Exit == 1, failed.Raw);
            var error = Assert.Single(Provision.Resources(failed.Report, "failed")).GetProperty("error").GetString() ?? "";
            Assert.Matches(@"^waited [34] s for the package manager's lock, still held by python3 \(pid \d+\); nothing was installed", error);
            Assert.Contains("apt_lock_timeout", failed.Raw, StringComparison.Ordinal);
            Assert.NotEqual("install ok installed", Lab.Ssh(host, "dpkg-query -W -f='${Status}' cron 2>/dev/null; true").Trim());
            Assert.Equal(string.Empty, Lab.Ssh(host, "dpkg --audit").Trim());
            output.WriteLine($"dpkg lock held past apt_lock_timeout 3: tries 1, the host failed after {seconds:0.0} s: {error}");
        }
        finally
        {
            Lab.Ssh(host, "systemctl stop fb-dpkg-lock 2>/dev/null; true");
        }

        var next = Provision.Json("apply", inventory);
        var again = Provision.Json("apply", inventory);
        Assert.True(next.Exit == 0, next.Raw);
        Assert.True(again.Exit == 0 && Changed(again.Report) == 0, again.Raw);
        output.WriteLine("after the lock was released: the next apply converged, the one after changed 0; hosts left inconsistent 0");
    }

    [Fact]
    public void A_host_whose_network_is_cut_mid_apply_fails_within_the_keepalive_window_while_the_other_finishes()
    {
        const int cut = 33, other = 34;
        Recreate(cut);
        Recreate(other);
        var settings = "keepalive_interval: 2\n    keepalive_count_max: 3\n    connect_timeout: 5";
        var inventory = Inventory((cut, settings), (other, settings));
        var veth = $"fbv{cut}";

        using var apply = StartApply(inventory);
        var started = Stopwatch.StartNew();
        Assert.True(Until(() => HostRuns(cut, "apt-get") || apply.HasExited, TimeSpan.FromMinutes(3)) && !apply.HasExited, "apt-get never ran on the host while the apply did");
        var cutAt = started.Elapsed;
        Lab.Run("ip", ["link", "set", veth, "down"], TimeSpan.FromSeconds(10));
        JsonElement report;
        try
        {
            Assert.True(apply.WaitForExit(TimeSpan.FromMinutes(5)), "the apply did not end within 5 minutes of the cut");
            report = JsonDocument.Parse(apply.StandardOutput.ReadToEnd()).RootElement;
        }
        finally
        {
            Lab.Run("ip", ["link", "set", veth, "up"], TimeSpan.FromSeconds(10));
        }

        var hosts = report.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);
        var failed = hosts[$"lab{cut}"];
        var error = failed.GetProperty("error").GetString() ?? "";
        var timeToFailure = failed.GetProperty("durationSeconds").GetDouble() - cutAt.TotalSeconds;
        Assert.Equal("unreachable", failed.GetProperty("status").GetString());
        Assert.Contains("lost the SSH connection to 10.99.33.2:22", error, StringComparison.Ordinal);
        Assert.Contains("no answer to 3 keep-alives sent 2 s apart", error, StringComparison.Ordinal);
        Assert.InRange(timeToFailure, 0, 2 * 3 + 5);
        Assert.Equal("changed", hosts[$"lab{other}"].GetProperty("status").GetString());

        Assert.True(Until(() => Reachable(cut), TimeSpan.FromSeconds(60)), "the host did not answer again after its link came back");
        var clock = Stopwatch.StartNew();
        var next = Provision.Json("apply", inventory);
        var seconds = clock.Elapsed.TotalSeconds;
        var again = Provision.Json("apply", inventory);
        Assert.True(next.Exit == 0, next.Raw);
        Assert.True(again.Exit == 0 && Changed(again.Report) == 0, again.Raw);
        Assert.Equal(string.Empty, Lab.Ssh(cut, "dpkg --audit").Trim());
        output.WriteLine($"network of lab{cut} cut during apt-get (at {cutAt.TotalSeconds:0.0} s): tries 1, lab{cut} failed {timeToFailure:0.0} s after the cut " +
                         $"(keep-alive window 6 s): {error}; lab{other} finished (changed); the next apply converged in {seconds:0.0} s, the one after changed 0; hosts left inconsistent 0");
    }

    private static void Recreate(int host) =>
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", host.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));

    private static string Inventory(params (int Host, string Settings)[] hosts)
    {
        var directory = Directory.CreateTempSubdirectory("fbp-e2e-wait-").FullName;
        var path = Path.Combine(directory, "inventory.yaml");
        var text = "hosts:\n" + string.Concat(hosts.Select(h => string.Create(CultureInfo.InvariantCulture, $"""
              lab{h.Host}:
                address: {Lab.Address(h.Host)}
                user: root
                identity_file: {Lab.ClientKey}
                known_hosts: {Lab.KnownHosts}
                {h.Settings}
                roles: [base]

            """)));
        File.WriteAllText(path, text);
        return path;
    }

    private static Process StartApply(string inventory)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "provision.dll"), "apply", inventory, "--output", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Lab.RepositoryRoot,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("provision did not start");
        process.StandardInput.Close();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static bool HostRuns(int host, string program)
    {
        try
        {
            // minbase has no procps: look in /proc.
            return Lab.Ssh(host, $"for p in /proc/[0-9]*; do [ \"$(cat $p/comm 2>/dev/null)\" = {program} ] && echo yes && exit 0; done; echo no").Trim() == "yes";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Reachable(int host)
    {
        try
        {
            return Lab.Ssh(host, "echo up").Trim() == "up";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        return false;
    }

    private static int Changed(JsonElement report) => report.GetProperty("totals").GetProperty("changed").GetInt32();
}
