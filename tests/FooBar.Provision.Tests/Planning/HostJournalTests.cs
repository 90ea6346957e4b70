using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>The journal on the host: what an interrupted apply owed is shown by the next plan and paid first by the next apply.</summary>
public sealed class HostJournalTests
{
    private const string Site = "/etc/app/site.conf";

    private static TestRole Role(string content = "new;") => new("r",
        [new FileResource(Site, content) { Notify = ["reload app"] }, new TestResource("other", "1")],
        [new Handler("reload app", $"set-state reloaded yes") { ValidateScript = $"validate-config" }]);

    [Fact]
    public async Task The_owed_handler_is_recorded_on_the_host_before_the_change_that_notifies_it()
    {
        var host = new FakeHost("web1");

        await RunAsync(Role(), host);

        var journalWrite = host.Log.IndexOf("write: " + FakeHost.JournalPath);
        Assert.True(journalWrite >= 0, string.Join('\n', host.Log));
        Assert.True(journalWrite < host.Log.IndexOf("write: " + Site), "the journal is written before the file");
        Assert.Equal("run: rm -f " + FakeHost.JournalPath, host.Log[^1]);
        Assert.False(host.State.ContainsKey("file:" + FakeHost.JournalPath));
    }

    [Fact]
    public async Task A_change_without_handlers_writes_no_journal()
    {
        var host = new FakeHost("web1");

        var report = await RunAsync(new TestRole("r", [new TestResource("a", "1")]), host);

        Assert.Equal(HostStatus.Changed, report.Hosts[0].Status);
        Assert.DoesNotContain(host.Log, l => l.StartsWith("write: ", StringComparison.Ordinal) || l.Contains("rm -f " + FakeHost.JournalPath, StringComparison.Ordinal));
        Assert.Equal(3, report.Hosts[0].RoundTrips);
    }

    [Fact]
    public async Task An_interrupted_apply_is_shown_by_the_next_plan_and_finished_by_the_next_apply()
    {
        var host = new FakeHost("web1") { CutOn = "set-state reloaded" };
        var interrupted = await RunAsync(Role(), host);
        Assert.Equal(HostStatus.Unreachable, interrupted.Hosts[0].Status);
        Assert.Equal("new;", host.State["file:" + Site]);
        host.CutOn = null;

        var plan = await RunAsync(Role(), host, dryRun: true);
        var apply = await RunAsync(Role(), host);
        var before = host.RoundTrips;
        var again = await RunAsync(Role(), host);

        var owed = Assert.Single(plan.Hosts[0].Handlers);
        Assert.Equal(("reload app", ResourceStatus.Pending, true), (owed.Name, owed.Status, owed.Owed));
        Assert.Contains("owed since", owed.Detail, StringComparison.Ordinal);
        Assert.Contains("validates first: " + Site, owed.Detail, StringComparison.Ordinal);
        Assert.Equal(HostStatus.Pending, plan.Hosts[0].Status);
        Assert.Equal(ExitCodes.ChangesPending, plan.ExitCode);
        Assert.Equal(1, plan.Hosts[0].PendingCount);
        Assert.Equal(ResourceStatus.Ok, plan.Hosts[0].Resources[0].Status);

        var paid = Assert.Single(apply.Hosts[0].Handlers);
        Assert.Equal(("reload app", ResourceStatus.Changed, true), (paid.Name, paid.Status, paid.Owed));
        Assert.Equal(HostStatus.Changed, apply.Hosts[0].Status);
        Assert.Equal("yes", host.State["reloaded"]);
        Assert.False(host.State.ContainsKey("file:" + FakeHost.JournalPath));

        Assert.Equal(HostStatus.Ok, again.Hosts[0].Status);
        Assert.Empty(again.Hosts[0].Handlers);
        Assert.Equal(2, host.RoundTrips - before);
    }

    [Fact]
    public async Task Owed_handlers_run_before_the_probes()
    {
        var host = new FakeHost("web1") { CutOn = "set-state reloaded" };
        await RunAsync(Role(), host);
        host.CutOn = null;
        host.Sent.Clear();

        await RunAsync(Role(), host);

        var scripts = host.Sent.Select(c => c.Script).ToList();
        Assert.True(scripts.FindIndex(s => s.Contains("set-state reloaded", StringComparison.Ordinal)) < scripts.FindIndex(s => s.Contains("@@fbp-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_invalid_file_left_by_an_interrupted_apply_is_put_back_and_the_run_goes_on()
    {
        var host = new FakeHost("web1") { CutOn = "set-state reloaded" };
        host.State["file:" + Site] = "good;";
        await RunAsync(Role("broken;"), host);
        host.CutOn = null;
        host.InvalidWhile["validate-config"] = () => host.State["file:" + Site] == "broken;";

        var apply = await RunAsync(Role("good;"), host);

        var owed = Assert.Single(apply.Hosts[0].Handlers);
        Assert.True(owed.Owed && owed.PutBack, owed.ToString());
        Assert.Equal(ResourceStatus.Changed, owed.Status);
        Assert.Contains("validation failed", owed.Detail, StringComparison.Ordinal);
        Assert.Contains(host.Sent, c => c.Script == "mv -Tf /etc/app/.site.conf.provision-prev /etc/app/site.conf");
        Assert.False(host.State.ContainsKey("file:" + FakeHost.JournalPath));
        Assert.Equal(HostStatus.Changed, apply.Hosts[0].Status);
        Assert.Equal("good;", host.State["file:" + Site]);
        Assert.Equal(ResourceStatus.Ok, apply.Hosts[0].Resources[0].Status);
    }

    [Fact]
    public async Task A_plan_of_a_host_with_a_journal_sends_only_read_only_commands()
    {
        var host = new FakeHost("web1") { CutOn = "set-state reloaded" };
        await RunAsync(Role(), host);
        host.CutOn = null;
        host.Sent.Clear();

        await RunAsync(Role(), host, dryRun: true);

        Assert.Equal(2, host.Sent.Count);
        Assert.All(host.Sent, c => Assert.True(c.IsReadOnly, c.Script));
        Assert.True(host.State.ContainsKey("file:" + FakeHost.JournalPath));
    }

    [Fact]
    public void The_journal_round_trips_through_its_json_form()
    {
        var handler = new Handler("reload nginx", $"systemctl reload nginx") { ValidateScript = $"nginx -t", Covers = ["x"], CheckTimeout = TimeSpan.FromSeconds(30) };
        var journal = new HostJournal { Since = DateTimeOffset.UnixEpoch, Controller = "me@here pid 1" }
            .With([handler], [new GuardedFile("reload nginx", "/etc/nginx/sites-available/a b", "/etc/nginx/sites-available/.a b.provision-prev", true)]);

        var parsed = HostJournal.Parse(System.Text.Encoding.UTF8.GetString(journal.ToBytes()));

        Assert.NotNull(parsed);
        var back = Assert.Single(parsed.Handlers).ToHandler();
        Assert.Equal((handler.Name, handler.Script, handler.ValidateScript, handler.CheckTimeout), (back.Name, back.Script, back.ValidateScript, back.CheckTimeout));
        Assert.Equal(["x"], back.Covers);
        Assert.Equal(journal.Files, parsed.Files);
        Assert.Empty(parsed.Without(new HashSet<string> { "reload nginx" }).Files);
    }

    [Fact]
    public void A_journal_of_an_unknown_version_fails_clearly() =>
        Assert.Contains("version 9", Assert.Throws<ProvisionException>(() => HostJournal.Parse("{\"version\":9}")).Message, StringComparison.Ordinal);
}
