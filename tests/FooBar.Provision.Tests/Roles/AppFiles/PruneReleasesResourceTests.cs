using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppFiles;

namespace FooBar.Provision.Tests.Roles.AppFiles;

public sealed class PruneReleasesResourceTests
{
    private const string New = "aaaaaaaaaaaa";

    private static ResourceChange? Compare(int keep, string output) =>
        new PruneReleasesResource("/srv/foobar", New, keep).Compare(new ProbeResult(0, output), AppFilesCheckout.Plan);

    private static string Listing(string current, params string[] newestFirst) =>
        $"current releases/{current}\n" + string.Concat(newestFirst.Select(r => $"release {r}\n"));

    [Fact]
    public void Nothing_is_removed_while_there_are_no_more_than_keep_releases() =>
        Assert.Null(Compare(3, Listing("bbbbbbbbbbbb", "bbbbbbbbbbbb", "cccccccccccc")));

    [Fact]
    public async Task The_oldest_releases_beyond_keep_are_removed_counting_the_new_one_first()
    {
        var change = Compare(2, Listing("bbbbbbbbbbbb", "bbbbbbbbbbbb", "cccccccccccc", "dddddddddddd"));

        Assert.NotNull(change);
        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.Equal("remove 2 old release(s) of /srv/foobar/releases, keeping 2: cccccccccccc, dddddddddddd", change.Summary);
        var script = Assert.Single(await AppFilesCheckout.ApplyAsync(change)).Script;
        Assert.Contains("[ \"$cur\" = cccccccccccc ] || rm -rf -- /srv/foobar/releases/cccccccccccc", script, StringComparison.Ordinal);
        Assert.DoesNotContain("bbbbbbbbbbbb", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_release_current_points_to_is_never_removed_even_when_it_is_the_oldest()
    {
        var change = Compare(1, Listing("dddddddddddd", New, "bbbbbbbbbbbb", "cccccccccccc", "dddddddddddd"));

        Assert.NotNull(change);
        Assert.EndsWith(": bbbbbbbbbbbb, cccccccccccc", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_release_is_never_removed_even_when_its_directory_is_old()
    {
        var change = Compare(1, Listing("cccccccccccc", "bbbbbbbbbbbb", New, "cccccccccccc"));

        Assert.NotNull(change);
        Assert.EndsWith(": bbbbbbbbbbbb", change.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(New, change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_not_named_like_a_release_are_left_alone() =>
        Assert.Null(Compare(1, Listing(New, New, "backup", "old-release", "ABCDEFABCDEF")));

    [Fact]
    public void Keep_must_be_at_least_one() =>
        Assert.Throws<ProvisionException>(() => new PruneReleasesResource("/srv/foobar", New, 0));

    [Fact]
    public void The_probe_lists_release_directories_newest_first()
    {
        var probe = new PruneReleasesResource("/srv/foobar", New, 5).ProbeScript;

        Assert.Contains("readlink /srv/foobar/current", probe.Text, StringComparison.Ordinal);
        Assert.Contains("ls -1t -- /srv/foobar/releases", probe.Text, StringComparison.Ordinal);
    }
}
