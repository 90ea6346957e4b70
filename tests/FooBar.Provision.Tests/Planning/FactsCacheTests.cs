using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>The facts of the last run, cached on the controller: a converged host whose facts have not changed costs one round trip.</summary>
public sealed class FactsCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbp-facts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_converged_host_costs_two_round_trips_the_first_time_then_one()
    {
        var host = Converged();

        var first = await RunAsync(host);
        var second = await RunAsync(host);

        Assert.Equal((HostStatus.Ok, 2), (first.Status, first.RoundTrips));
        Assert.Equal((HostStatus.Ok, 1), (second.Status, second.RoundTrips));
        Assert.Equal(2, second.OkCount);
        Assert.Single(host.Sent.Skip(2));
        Assert.Contains("@@fbp-", host.Sent[^1].Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_on_a_cache_hit_is_one_read_only_round_trip_that_still_finds_the_changes()
    {
        var host = Converged();
        await RunAsync(host);
        host.State["b"] = "old";
        var before = host.Sent.Count;

        var plan = await RunAsync(host, dryRun: true);

        Assert.Equal(1, plan.RoundTrips);
        Assert.All(host.Sent.Skip(before), c => Assert.True(c.IsReadOnly));
        Assert.Equal([ResourceStatus.Ok, ResourceStatus.Pending], plan.Resources.Select(r => r.Status));
        Assert.Equal("-old\n+2\n", plan.Resources[1].Diff);
        Assert.Equal("old", host.State["b"]);
    }

    [Fact]
    public async Task An_apply_on_a_cache_hit_changes_what_differs_and_the_next_run_is_one_round_trip_again()
    {
        var host = Converged();
        await RunAsync(host);
        host.State["a"] = "drifted";

        var apply = await RunAsync(host);
        var again = await RunAsync(host);

        Assert.Equal(1, apply.ChangedCount);
        Assert.Equal("1", host.State["a"]);
        Assert.Equal((HostStatus.Ok, 1), (again.Status, again.RoundTrips));
    }

    [Fact]
    public async Task Facts_that_changed_cost_a_second_round_trip_and_the_plan_is_built_from_the_fresh_ones()
    {
        var host = new FakeHost("web1");
        host.State["os"] = "12";
        await RunAsync(host, OsRole());
        host.HostFacts = host.HostFacts with { OsVersion = "13" };
        var before = host.Sent.Count;
        var details = new DetailRecorder();

        var plan = await RunAsync(host, OsRole(), dryRun: true, details);

        Assert.Equal(2, plan.RoundTrips);
        var resource = Assert.Single(plan.Resources);
        Assert.Equal((ResourceStatus.Pending, "set os to 13"), (resource.Status, resource.Summary));
        Assert.Equal("13", plan.Facts?.OsVersion);
        Assert.Contains("get-state os", host.Sent[before + 1].Script, StringComparison.Ordinal);
        Assert.Contains(details.Lines, l => l.Contains("facts changed", StringComparison.Ordinal));
        Assert.Equal("13", new FactsCache(_directory).Load(Host(host), out _)?.Facts.OsVersion);
    }

    [Fact]
    public async Task After_the_facts_changed_the_cache_holds_the_fresh_ones_and_the_next_run_is_one_round_trip()
    {
        var host = Converged();
        await RunAsync(host);
        host.HostFacts = host.HostFacts with { Hostname = "renamed" };
        await RunAsync(host);

        var third = await RunAsync(host);

        Assert.Equal(1, third.RoundTrips);
        Assert.Equal("renamed", third.Facts?.Hostname);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"version\":1,\"host\":\"web1\",\"address\":\"192.0.2.1\",\"port\":22,\"user\":\"\",\"hash\":\"\",\"facts\":null}")]
    [InlineData("{\"version\":7}")]
    [InlineData("")]
    public async Task A_corrupt_cache_file_is_ignored_with_a_detail_and_replaced(string content)
    {
        var host = Converged();
        var cache = new FactsCache(_directory);
        File.WriteAllText(cache.PathOf(Host(host)), content);
        var details = new DetailRecorder();

        var report = await RunAsync(host, details: details);

        Assert.Equal((HostStatus.Ok, 2), (report.Status, report.RoundTrips));
        Assert.Contains(details.Lines, l => l.Contains("ignored", StringComparison.Ordinal));
        Assert.Equal(host.FactsHash, cache.Load(Host(host), out var problem)?.Hash);
        Assert.Null(problem);
    }

    [Fact]
    public async Task An_unreadable_and_unwritable_cache_never_fails_the_run()
    {
        var host = Converged();
        Directory.CreateDirectory(new FactsCache(_directory).PathOf(Host(host)));
        var details = new DetailRecorder();

        var first = await RunAsync(host, details: details);
        var second = await RunAsync(host, details: details);

        Assert.Equal((HostStatus.Ok, 2), (first.Status, first.RoundTrips));
        Assert.Equal((HostStatus.Ok, 2), (second.Status, second.RoundTrips));
        Assert.Contains(details.Lines, l => l.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(details.Lines, l => l.Contains("could not be written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_of_another_address_port_or_user_is_not_used()
    {
        var host = Converged();
        var entry = Host(host);

        foreach (var other in new[] { entry with { Address = "192.0.2.9" }, entry with { Port = 2222 }, entry with { User = "deploy" } })
        {
            await RunAsync(host);

            var report = await RunAsync(host, other, null, Options());

            Assert.Equal(2, report.RoundTrips);
        }
    }

    [Fact]
    public async Task An_entry_of_an_earlier_version_with_only_the_hash_is_used_when_the_facts_lines_hash_the_same()
    {
        var host = Converged();
        await RunAsync(host);
        var path = new FactsCache(_directory).PathOf(Host(host));
        var entry = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(entry.Remove("text"));
        File.WriteAllText(path, entry.ToJsonString());

        var second = await RunAsync(host);
        entry["hash"] = new string('0', 64);
        File.WriteAllText(path, entry.ToJsonString());
        var third = await RunAsync(host);
        var fourth = await RunAsync(host);

        Assert.Equal((HostStatus.Ok, 1), (second.Status, second.RoundTrips));
        Assert.Equal((HostStatus.Ok, 2), (third.Status, third.RoundTrips));
        Assert.Equal((HostStatus.Ok, 1), (fourth.Status, fourth.RoundTrips));
        Assert.Equal(host.FactsText.TrimEnd('\n'), new FactsCache(_directory).Load(Host(host), out _)?.Text);
        Assert.False(CachedFacts.IsHash(""));
        Assert.False(CachedFacts.IsHash(new string('g', 64)));
    }

    [Fact]
    public async Task An_apply_that_owes_a_handler_probes_again_after_paying_it()
    {
        var host = new FakeHost("web1");
        await RunAsync(host);
        var owed = new HostJournal { Since = DateTimeOffset.UnixEpoch, Controller = "me@here pid 1" }.With([new Handler("fix", $"set-state a 1")], []);
        host.State["file:" + FakeHost.JournalPath] = Encoding.UTF8.GetString(owed.ToBytes());
        host.State.Remove("a");
        var before = host.Sent.Count;

        var apply = await RunAsync(host, Role([new Handler("fix", $"set-state a 1")]));

        Assert.Equal("fix", Assert.Single(apply.Handlers).Name);
        Assert.Equal([ResourceStatus.Ok, ResourceStatus.Ok], apply.Resources.Select(r => r.Status));
        Assert.Equal(2, host.Sent.Skip(before).Count(c => c.Script.Contains("get-state a", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_apply_that_waits_in_vain_for_the_lock_runs_no_probe()
    {
        var host = Converged();
        await RunAsync(host);
        host.LockHeldBy = "session=1:1\nsince=0\npid=1\ncontroller=other@there\n";
        var before = host.Sent.Count;

        var apply = await RunAsync(host, Host(host), null, Options() with { LockWait = TimeSpan.Zero });

        Assert.Equal(HostStatus.Failed, apply.Status);
        Assert.Equal(1, host.Sent.Count - before);
        Assert.Empty(apply.Resources);
    }

    private static FakeHost Converged()
    {
        var host = new FakeHost("web1");
        host.State["a"] = "1";
        host.State["b"] = "2";
        return host;
    }

    private static TestRole Role(IReadOnlyList<Handler>? handlers = null) => new("r", [new TestResource("a", "1"), new TestResource("b", "2")], handlers);

    private static HostEntry Host(FakeHost host) => EngineTestKit.Host(host.HostName, "r");

    private RunOptions Options(bool dryRun = false) => new() { DryRun = dryRun, Forks = 4, FactsCacheDirectory = _directory };

    // One host's report, with the round trips of this run only (the fake host counts them over its life).
    private Task<HostReport> RunAsync(FakeHost host, IRole? role = null, bool dryRun = false, IRunObserver? details = null) =>
        RunAsync(host, EngineTestKit.Host(host.HostName, (role ?? Role()).Name), role, Options(dryRun), details);

    private static async Task<HostReport> RunAsync(FakeHost host, HostEntry entry, IRole? role, RunOptions options, IRunObserver? details = null)
    {
        var before = host.RoundTrips;
        var report = await EngineTestKit.RunAsync([role ?? Role()], [(entry, host)], options, details);
        return report.Hosts[0] with { RoundTrips = host.RoundTrips - before };
    }

    private static OsRoleImpl OsRole() => new();

    /// <summary>A role whose one resource depends on the facts: the OS version.</summary>
    private sealed class OsRoleImpl : IRole
    {
        public string Name => "os";

        public IReadOnlyDictionary<string, object?> Defaults { get; } = new Dictionary<string, object?>();

        public IReadOnlyList<string> RequiredVariables { get; } = [];

        public void Build(RoleContext context, RoleBuilder builder) => builder.Add(new TestResource("os", context.Facts.OsVersion));
    }

    private sealed class DetailRecorder : IRunObserver
    {
        public List<string> Lines { get; } = [];

        public void Detail(string host, string message)
        {
            lock (Lines)
            {
                Lines.Add($"{host}: {message}");
            }
        }
    }
}
