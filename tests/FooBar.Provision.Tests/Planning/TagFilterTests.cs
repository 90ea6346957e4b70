using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>--tags and --skip-tags: a resource's tags are its own, its role's name and its kind; always and never as ansible's.</summary>
public sealed class TagFilterTests
{
    private static readonly Resource Config = new TestResource("config", "1") { Tags = ["config"] };
    private static readonly Resource Plain = new TestResource("plain", "1");
    private static readonly Resource Always = new TestResource("always", "1") { Tags = [TagFilter.Always] };
    private static readonly Resource Never = new TestResource("never", "1") { Tags = [TagFilter.Never, "debug"] };

    [Theory]
    [InlineData(null, null, "config,plain,always")]
    [InlineData("config", null, "config,always")]
    [InlineData("web", null, "config,plain,always,never")]
    [InlineData("test", null, "config,plain,always,never")]
    [InlineData("debug", null, "always,never")]
    [InlineData("never", null, "never")]
    [InlineData("nope", null, "always")]
    [InlineData(null, "config", "plain,always")]
    [InlineData(null, "web", "")]
    [InlineData(null, "always", "config,plain")]
    [InlineData("web", "config,never", "plain,always")]
    [InlineData("config", "config", "always")]
    public void A_resource_runs_by_its_own_tags_its_roles_name_and_its_kind(string? tags, string? skip, string expected)
    {
        var runs = new[] { Config, Plain, Always, Never }.Where(r => TagFilter.Runs("web", r, Split(tags), Split(skip))).Select(r => r.Name);

        Assert.Equal(expected, string.Join(',', runs));
    }

    [Fact]
    public async Task Only_tagged_resources_run_and_a_handler_only_a_skipped_resource_notifies_does_not_run()
    {
        var host = new FakeHost("web1");
        var role = new TestRole("r", [new TestResource("a", "1") { Tags = ["config"], Notify = ["h"] }, new TestResource("b", "2") { Notify = ["h2"] }], [new Handler("h", $"echo h"), new Handler("h2", $"echo h2")]);

        var report = await RunAsync([role], [(Host("web1", "r"), host)], new RunOptions { Tags = ["config"] });

        var result = Assert.Single(report.Hosts);
        Assert.Equal(["test[a]"], result.Resources.Select(r => r.Id));
        Assert.Equal(["h"], result.Handlers.Select(h => h.Name));
        Assert.False(host.State.ContainsKey("b"));
    }

    [Fact]
    public async Task Tags_that_leave_nothing_to_run_say_so_in_a_note_with_the_hosts_tags()
    {
        var role = new TestRole("r", [new TestResource("a", "1") { Tags = ["config"] }]);

        var report = await RunAsync([role], [(Host("web1", "r"), new FakeHost("web1"))], new RunOptions { DryRun = true, Tags = ["confg"] });

        var result = Assert.Single(report.Hosts);
        Assert.Empty(result.Resources);
        Assert.Equal(HostStatus.Ok, result.Status);
        Assert.Equal("--tags confg leaves no resource of this host to run; its tags: config, r, test", Assert.Single(result.Notes));
    }

    private static string[]? Split(string? value) => value?.Split(',');
}
