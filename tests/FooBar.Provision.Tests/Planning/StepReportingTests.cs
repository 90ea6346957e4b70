using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>The steps a live view shows while a host runs: its probes, then each change as it starts.</summary>
public sealed class StepReportingTests
{
    [Fact]
    public async Task Apply_reports_the_probes_then_each_change_before_it_is_made_and_never_a_resource_already_in_state()
    {
        var host = new FakeHost("web1");
        host.State["b"] = "2";
        var steps = new StepRecorder();
        var role = new TestRole("r", [new TestResource("a", "1", stales: true), new TestResource("b", "2"), new TestResource("c", "3")]);

        await RunAsync([role], [(Host("web1", "r"), host)], new RunOptions(), steps);

        Assert.Equal(
            ["HostStarted", "probes (3 resources)", "test[a]", "done test[a]", "probes again (2 resources)", "done test[b]", "test[c]", "done test[c]", "HostFinished"],
            steps.Events);
    }

    [Fact]
    public async Task Plan_reports_only_the_probes()
    {
        var steps = new StepRecorder();
        var role = new TestRole("r", [new TestResource("a", "1")]);

        await RunAsync([role], [(Host("web1", "r"), new FakeHost("web1"))], new RunOptions { DryRun = true }, steps);

        Assert.Equal(["HostStarted", "probes (1 resource)", "done test[a]", "HostFinished"], steps.Events);
    }

    private sealed class StepRecorder : IRunObserver
    {
        public List<string> Events { get; } = [];

        public void HostStarted(string host) => Events.Add("HostStarted");

        public void StepStarted(string host, string step) => Events.Add(step);

        public void ResourceFinished(string host, ResourceReport resource) => Events.Add("done " + resource.Id);

        public void HostFinished(HostReport report) => Events.Add("HostFinished");
    }
}
