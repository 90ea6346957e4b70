using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// Fault injection on a real lab host: the controller killed in the middle of a large write and between a
/// configuration write and its reload, an invalid configuration left by a killed run, two applies at once, a full disk.
/// Each test asserts the host is consistent afterwards, that the next apply converges and that the one after changes
/// nothing. Each is deterministic (the write is paused on the host, not raced), so one try each.
/// </summary>
[Collection(FaultHostCollection.Name)]
public sealed class FaultTests(FaultHost lab, ITestOutputHelper output)
{
    private const string Site = "/etc/nginx/sites-available/";
    private const string Journal = "/var/lib/foobar-provision/journal.json";

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public void A_controller_killed_during_a_large_write_leaves_the_old_file_and_the_next_apply_finishes(string signal)
    {
        Converged();
        var before = MotdSha();
        var message = "motd_message=" + Guid.NewGuid();

        using var controller = FaultHost.Start("apply", lab.Inventory, "--var", message);
        var receiver = FaultHost.PauseWriteInto("/etc");
        FaultHost.Signal(signal, controller.Id);
        controller.WaitForExit(30_000);
        FaultHost.Signal("CONT", receiver);
        FaultHost.WaitForNoTemporaryFile("/etc");

        Assert.True(controller.HasExited);
        Assert.Equal(before, MotdSha());
        AssertConsistent();
        var clock = Stopwatch.StartNew();
        ConvergesThenStays("--var", message);
        output.WriteLine($"{signal} during a 16 MiB write: tries 1, hosts left inconsistent 0; the next apply took {clock.Elapsed.TotalSeconds:0.0}s (lock of the killed run released by then)");
    }

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public void A_controller_killed_after_a_config_write_owes_the_reload_which_the_next_plan_shows_and_the_next_apply_runs(string signal)
    {
        Converged();
        string[] vars = ["--var", "nginx_client_max_body_size=" + Random.Shared.Next(11, 99) + "m", "--var", "motd_message=" + Guid.NewGuid()];
        var reloads = FaultHost.NginxReloads();

        KillDuringTheLargeWrite(signal, vars);

        Assert.Equal(reloads, FaultHost.NginxReloads());
        Assert.True(File.Exists(FaultHost.Root + Journal), "the owed reload is recorded on the host");
        AssertConsistent();
        var plan = Provision.Json(["plan", lab.Inventory, .. vars]);
        Assert.True(plan.Exit == 2, plan.Raw);
        var owed = Assert.Single(Provision.Handlers(plan.Report));
        Assert.Equal(("reload nginx", "pending", true), (owed.GetProperty("name").GetString(), owed.GetProperty("status").GetString(), owed.GetProperty("owed").GetBoolean()));
        Assert.DoesNotContain(Provision.Ids(plan.Report, "pending"), id => id.StartsWith("file[" + Site, StringComparison.Ordinal));

        var apply = ConvergesThenStays(vars);

        var ran = Provision.Handlers(apply.Report).Where(h => h.GetProperty("name").GetString() == "reload nginx").ToArray();
        Assert.True(Assert.Single(ran).GetProperty("owed").GetBoolean(), apply.Raw);
        Assert.Equal(reloads + 1, FaultHost.NginxReloads());
        Assert.False(File.Exists(FaultHost.Root + Journal));
        output.WriteLine($"SIG{signal} after a config write, before its reload: tries 1, hosts left inconsistent 0, reloads by the next apply 1");
    }

    [Fact]
    public void An_invalid_config_left_by_a_killed_run_is_validated_and_put_back_by_the_next_apply()
    {
        Converged();
        var site = FaultHost.Ssh($"grep -l faults.example {Site}* | head -1").Trim();
        var before = FaultHost.Ssh($"sha256sum {site}");
        var reloads = FaultHost.NginxReloads();

        KillDuringTheLargeWrite("KILL", "--var", "nginx_extra_config=this is not valid;", "--var", "motd_message=" + Guid.NewGuid());

        Assert.NotEqual(before, FaultHost.Ssh($"sha256sum {site}"));
        Assert.NotEqual(0, Lab.Run("ssh", ["-o", "BatchMode=yes", "-o", $"UserKnownHostsFile={Lab.KnownHosts}", "-i", Lab.ClientKey, "-o", "LogLevel=ERROR", $"root@{Lab.Address(FaultHost.Host)}", "nginx -t"], TimeSpan.FromMinutes(1), check: false).Exit);
        var apply = ConvergesThenStays();

        var owed = Assert.Single(Provision.Handlers(apply.Report), h => h.GetProperty("owed").GetBoolean());
        Assert.True(owed.GetProperty("putBack").GetBoolean(), apply.Raw);
        Assert.Equal(before, FaultHost.Ssh($"sha256sum {site}"));
        Assert.Equal(reloads, FaultHost.NginxReloads());
        AssertConsistent();
        output.WriteLine("invalid config left by a killed run: tries 1, hosts left inconsistent 0, put back by the next apply, reloads 0");
    }

    [Fact]
    public void A_second_apply_while_one_holds_the_host_waits_then_fails_with_the_holder_and_nothing_restarts_twice()
    {
        Converged();
        string[] vars = ["--var", "nginx_client_max_body_size=" + Random.Shared.Next(11, 99) + "m", "--var", "motd_message=" + Guid.NewGuid()];
        var reloads = FaultHost.NginxReloads();
        using var first = FaultHost.Start(["apply", lab.Inventory, .. vars]);
        var receiver = FaultHost.PauseWriteInto("/etc");
        (int Exit, JsonElement Report, string Raw) second;
        (int Exit, JsonElement Report, string Raw) plan;
        try
        {
            second = Provision.Json(["apply", lab.Inventory, .. vars, "--lock-wait", "3"]);
            plan = Provision.Json(["plan", lab.Inventory, .. vars]);
        }
        finally
        {
            FaultHost.Signal("CONT", receiver);
        }

        Assert.True(first.WaitForExit(120_000));
        Assert.Equal(0, first.ExitCode);
        Assert.True(second.Exit == 1, second.Raw);
        var error = second.Report.GetProperty("hosts")[0].GetProperty("error").GetString() ?? "";
        Assert.Contains("another apply holds this host since ", error, StringComparison.Ordinal);
        Assert.Contains($"(pid {first.Id}, controller ", error, StringComparison.Ordinal);
        Assert.Contains(plan.Report.GetProperty("hosts")[0].GetProperty("notes").EnumerateArray(), n => (n.GetString() ?? "").StartsWith("an apply holds this host since", StringComparison.Ordinal));
        Assert.Equal(reloads + 1, FaultHost.NginxReloads());
        AssertConsistent();
        var after = Provision.Json(["apply", lab.Inventory, .. vars]);
        Assert.True(after.Exit == 0 && Changed(after) == 0, after.Raw);
        output.WriteLine("two concurrent applies: tries 1, hosts left inconsistent 0, nginx reloads 1 (not 2), the second failed with the holder");
    }

    [Fact]
    public void A_full_disk_during_a_write_leaves_the_old_file_and_no_temporary_file_and_the_host_converges_once_there_is_room()
    {
        Converged();
        const string Small = "/mnt/fbp-full";
        FaultHost.Ssh($"mkdir -p {Small} && mount -t tmpfs -o size=2m fbp-full {Small} && echo old > {Small}/motd");
        try
        {
            var full = Provision.Json("apply", lab.Inventory, "--var", $"motd_path={Small}/motd");

            Assert.True(full.Exit == 1, full.Raw);
            Assert.Contains("No space left on device", full.Raw, StringComparison.Ordinal);
            Assert.Equal("old\n", FaultHost.Ssh($"cat {Small}/motd"));
            Assert.Empty(FaultHost.Ssh($"ls -A {Small} | grep -v '^motd$' || true").Trim());
            AssertConsistent();
            FaultHost.Ssh($"mount -o remount,size=64m {Small}");
            ConvergesThenStays("--var", $"motd_path={Small}/motd");
            output.WriteLine("full disk during a write: tries 1, hosts left inconsistent 0");
        }
        finally
        {
            FaultHost.Ssh($"umount {Small} && rmdir {Small}");
        }
    }

    private static string MotdSha() => FaultHost.Ssh("sha256sum /etc/motd").Trim();

    private static int Changed((int Exit, JsonElement Report, string Raw) run) => run.Report.GetProperty("totals").GetProperty("changed").GetInt32();

    /// <summary>nginx valid and running, no temporary file of an interrupted write anywhere the roles write.</summary>
    private static void AssertConsistent()
    {
        FaultHost.Ssh("nginx -t 2>&1");
        Assert.Equal("active", FaultHost.Ssh("systemctl is-active nginx").Trim());
        Assert.Empty(FaultHost.LeftoverTemporaryFiles());
    }

    private void Converged()
    {
        var run = Provision.Json("apply", lab.Inventory);
        Assert.True(run.Exit == 0, run.Raw);
    }

    /// <summary>The next apply converges (exit 0) and the one after changes nothing.</summary>
    private (int Exit, JsonElement Report, string Raw) ConvergesThenStays(params string[] vars)
    {
        var next = Provision.Json(["apply", lab.Inventory, .. vars]);
        var after = Provision.Json(["apply", lab.Inventory, .. vars]);
        Assert.True(next.Exit == 0, next.Raw);
        Assert.True(after.Exit == 0, after.Raw);
        Assert.Equal(0, Changed(after));
        Assert.Empty(Provision.Handlers(after.Report));
        return next;
    }

    /// <summary>Sends <paramref name="signal"/> to an apply paused in the middle of its last write (the large motd).</summary>
    private void KillDuringTheLargeWrite(string signal, params string[] vars)
    {
        using var controller = FaultHost.Start(["apply", lab.Inventory, .. vars]);
        var receiver = FaultHost.PauseWriteInto("/etc");
        FaultHost.Signal(signal, controller.Id);
        controller.WaitForExit(30_000);
        FaultHost.Signal("CONT", receiver);
        FaultHost.WaitForNoTemporaryFile("/etc");
    }
}
