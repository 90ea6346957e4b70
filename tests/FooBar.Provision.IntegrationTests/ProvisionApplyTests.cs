using System.Text.Json;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The <c>provision</c> CLI against a real sshd on 127.0.0.1, with the base role kept harmless (files in a temporary directory).</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class ProvisionApplyTests(LoopbackSshd sshd, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbcli-").FullName;

    private string Inventory => WriteInventory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Apply_converges_the_base_role_and_a_second_apply_changes_nothing()
    {
        var inventory = Inventory;

        var first = await RunJsonAsync("apply", inventory);
        var second = await RunJsonAsync("apply", inventory);

        Assert.Equal(0, first.Run.ExitCode);
        Assert.Equal(2, Total(first.Json, "changed"));
        Assert.Equal("Managed here.\n", File.ReadAllText(Path.Combine(_directory, "motd")).Split('\n', 2)[1]);
        Assert.True(Directory.Exists(Path.Combine(_directory, "srv")));
        Assert.Equal(0, second.Run.ExitCode);
        Assert.Equal(0, Total(second.Json, "changed"));
        Assert.Equal(3, Total(second.Json, "ok"));
        Report("first apply (cold)", first);
        Report("second apply (no-op)", second);
    }

    [Fact]
    public async Task Plan_after_apply_is_clean_and_a_changed_variable_shows_a_pending_diff()
    {
        var inventory = Inventory;
        Assert.Equal(0, (await CliRun.RunAsync("apply", inventory)).ExitCode);

        var clean = await CliRun.RunAsync("plan", inventory);
        var changed = await CliRun.RunAsync("plan", inventory, "--var", "motd_message=Hello from the plan.");

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.DoesNotContain("pending  ", clean.Stdout, StringComparison.Ordinal);
        Assert.Contains("no changes pending", clean.Stdout, StringComparison.Ordinal);
        Assert.True(changed.ExitCode == 2, changed.ToString());
        Assert.Contains($"loopback  pending  file[{_directory}/motd]  update {_directory}/motd", changed.Stdout, StringComparison.Ordinal);
        Assert.Contains("+Hello from the plan.", changed.Stdout, StringComparison.Ordinal);
        Assert.Contains("-Managed here.", changed.Stdout, StringComparison.Ordinal);
        Assert.Equal("Managed here.\n", File.ReadAllText(Path.Combine(_directory, "motd")).Split('\n', 2)[1]);
        output.WriteLine(changed.ToString());
    }

    [Fact]
    public async Task Facts_gathers_the_host_facts_in_one_round_trip()
    {
        var run = await CliRun.RunAsync("facts", Inventory, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var host = json.RootElement.GetProperty("hosts")[0];
        Assert.Equal(1, host.GetProperty("roundTrips").GetInt32());
        Assert.Equal(Environment.MachineName, host.GetProperty("facts").GetProperty("hostname").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Very_verbose_prints_every_script_prefixed_by_the_host()
    {
        var run = await CliRun.RunAsync("plan", Inventory, "-vvv");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("loopback $ (read-only)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(change)", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<(CliRun Run, JsonDocument Json)> RunJsonAsync(params string[] args)
    {
        var run = await CliRun.RunAsync([.. args, "--output", "json"]);
        Assert.True(run.Stderr.Length == 0, run.ToString());
        return (run, JsonDocument.Parse(run.Stdout));
    }

    private static int Total(JsonDocument json, string name) => json.RootElement.GetProperty("totals").GetProperty(name).GetInt32();

    private void Report(string what, (CliRun Run, JsonDocument Json) result)
    {
        var totals = result.Json.RootElement.GetProperty("totals");
        output.WriteLine(
            $"{what}: exit {result.Run.ExitCode}, round trips {totals.GetProperty("roundTrips").GetInt32()}, " +
            $"engine {totals.GetProperty("durationSeconds").GetDouble():0.000}s, wall (CLI in-process) {result.Run.WallTime.TotalSeconds:0.000}s");
    }

    private string WriteInventory() => LoopbackInventory.Write(sshd, _directory, "      motd_message: Managed here.");
}
