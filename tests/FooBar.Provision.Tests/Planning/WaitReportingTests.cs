using FooBar.Provision.Facts;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>What an apply step met on the way (a wait for a lock) reaches the report; the host's apt_lock_timeout reaches the install.</summary>
public sealed class WaitReportingTests
{
    [Fact]
    public async Task A_note_left_by_an_apply_step_is_added_to_the_changed_resources_summary()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new NotingResource()]);

        var report = await RunAsync(role, host);

        var resource = Assert.Single(report.Hosts[0].Resources);
        Assert.Equal(ResourceStatus.Changed, resource.Status);
        Assert.Equal("set k to v; waited 3 s for the package manager's lock (held by apt-get (pid 7))", resource.Summary);
    }

    [Fact]
    public void The_hosts_apt_lock_timeout_reaches_its_one_package_install()
    {
        var role = new TestRole("r", [new AptPackages(["nginx"]), new AptPackages(["cron"])]);
        var host = Host("web1", "r") with { AptLockTimeoutSeconds = 42 };

        var plan = HostPlanBuilder.Build(new RoleCatalog([role]), host, HostFacts.Debian12, new RunOptions());

        var packages = Assert.Single(plan.Resources.OfType<AptPackages>());
        Assert.Equal(TimeSpan.FromSeconds(42), packages.LockTimeout);
        Assert.Equal(["nginx", "cron"], packages.Packages);
    }

    private sealed class NotingResource : Resource
    {
        public override string Kind => "test";

        public override string Name => "k";

        public override ShellScript ProbeScript => $"get-state k";

        public override ResourceChange? Compare(ProbeResult current, PlanContext context)
        {
            var note = new AppliedNote();
            return current.Output.Trim() == "v"
                ? null
                : new ResourceChange(ChangeAction.Update, "set k to v", async (connection, cancellationToken) =>
                {
                    await RemoteActions.Run($"set-state k v")(connection, cancellationToken);
                    note.Text = "waited 3 s for the package manager's lock (held by apt-get (pid 7))";
                })
                { AppliedNote = () => note.Text };
        }
    }
}
