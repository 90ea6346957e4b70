using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppFiles;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The probes that read a symbolic link's target (symlinks, and the app-files role's release and pruning probes, which all
/// read <c>current</c>) share one <c>readlink</c> of every distinct link, answering exactly as each probe alone does, in a
/// real shell against the real readlink (a stub on PATH only counts the starts).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinkTargetsProbeTests : IDisposable
{
    private readonly ProbeShell _shell = new();

    public LinkTargetsProbeTests()
    {
        _shell.Stub("readlink", "exec /usr/bin/readlink \"$@\"\n");
        _shell.Stub("ls", "exec /usr/bin/ls \"$@\"\n");
    }

    private string App => Path.Combine(_shell.Root, "srv app");

    public void Dispose() => _shell.Dispose();

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void The_app_files_stack_reads_current_and_the_site_link_with_one_readlink_and_answers_as_alone(string shell)
    {
        _shell.Shell = shell;
        var (release, prune) = Release();
        var id = release.Snapshot.Id;
        Link("current", "releases/" + id);
        Link("site.conf", "/etc/nginx/sites-available/it's a site.conf");
        Resource[] resources = [release, new SymlinkResource(Path.Combine(App, "current"), "releases/" + id), prune, new SymlinkResource(Path.Combine(App, "site.conf"), "x")];

        var alone = _shell.Alone(resources);
        Assert.Equal(4, _shell.Calls.Count(c => c.StartsWith("readlink", StringComparison.Ordinal)));
        _shell.ClearCalls();
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.Equal("current\n", batched[0].Output);
        Assert.Equal($"link releases/{id}\n", batched[1].Output);
        Assert.Equal($"current releases/{id}\nrelease {id}\n", batched[2].Output);
        Assert.Equal("link /etc/nginx/sites-available/it's a site.conf\n", batched[3].Output);
        Assert.Equal([$"readlink -- {Path.Combine(App, "current")} {Path.Combine(App, "site.conf")}"], _shell.Calls.Where(c => c.StartsWith("readlink", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void Links_in_every_state_answer_as_alone(string shell)
    {
        _shell.Shell = shell;
        var (release, prune) = Release();
        Link("current", "releases/ba9876543210");                 // another release is current
        Link("dangling", "/nowhere/at all");
        Link("escapes", "a\\tb \\n $HOME `x` -e");                // echo in dash reads backslashes: both ways alike
        Link("header", "fb-member 0");                             // looks like the gather's own header
        File.WriteAllText(Path.Combine(App, "plain"), "not a link");
        Resource[] resources =
        [
            release, prune,
            new SymlinkResource(Path.Combine(App, "dangling"), "x"),
            new SymlinkResource(Path.Combine(App, "escapes"), "x"),
            new SymlinkResource(Path.Combine(App, "plain"), "x"),
            new SymlinkResource(Path.Combine(App, "missing"), "x"),
            new SymlinkResource(Path.Combine(App, "header"), "x"),
        ];

        var alone = _shell.Alone(resources);
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.Equal("present\n", batched[0].Output);
        Assert.Equal("link /nowhere/at all\n", batched[2].Output);
        Assert.Equal("notlink\n", batched[4].Output);
        Assert.Equal("absent\n", batched[5].Output);
        Assert.Equal("link fb-member 0\n", batched[6].Output);
    }

    [Theory]
    [InlineData("target\nwith a newline")]
    [InlineData("ends in a newline\n")]
    [InlineData("fb-member 1")]
    public void A_target_the_one_readlink_cannot_carry_line_by_line_makes_every_member_run_its_own_probe(string target)
    {
        Link("odd", target);
        Link("plain", "/etc/plain");
        Resource[] resources = [new SymlinkResource(Path.Combine(App, "odd"), "x"), new SymlinkResource(Path.Combine(App, "plain"), "x")];

        var alone = _shell.Alone(resources);
        _shell.ClearCalls();
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.Equal($"link {target.TrimEnd('\n')}\n", batched[0].Output);
        Assert.Equal(3, _shell.Calls.Count(c => c.StartsWith("readlink", StringComparison.Ordinal))); // the gather's, then each probe's own
    }

    [Fact]
    public void When_readlink_fails_no_member_is_vouched_for()
    {
        Link("a", "/etc/a");
        Link("b", "/etc/b");
        // A readlink that takes one operand only (as busybox's does): the gather's call fails, each probe calls its own.
        _shell.Stub("readlink", "[ \"$1\" = -- ] && exit 1\nexec /usr/bin/readlink \"$@\"\n");
        Resource[] resources = [new SymlinkResource(Path.Combine(App, "a"), "x"), new SymlinkResource(Path.Combine(App, "b"), "x")];

        var batched = _shell.Batched(resources);

        Assert.Equal(["link /etc/a\n", "link /etc/b\n"], batched.Select(b => b.Output));
        Assert.Equal(3, _shell.Calls.Count);
    }

    [Fact]
    public void Without_any_link_no_readlink_starts()
    {
        var (release, prune) = Release();
        Resource[] resources = [release, prune, new SymlinkResource(Path.Combine(App, "current"), "releases/" + release.Snapshot.Id)];

        var alone = _shell.Alone(resources);
        _shell.ClearCalls();
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.Equal("absent\n", batched[2].Output);
        // No gather call: only the release's and the pruning's own (each prints an empty target then).
        Assert.Equal(2, _shell.Calls.Count(c => c.StartsWith("readlink ", StringComparison.Ordinal)));
        Assert.DoesNotContain(_shell.Calls, c => c.StartsWith("readlink --", StringComparison.Ordinal));
    }

    // A release (its directory complete) and the pruning of the releases, under App.
    private (ReleaseResource Release, PruneReleasesResource Prune) Release()
    {
        var source = Directory.CreateDirectory(Path.Combine(_shell.Root, "source")).FullName;
        File.WriteAllText(Path.Combine(source, "app.py"), "print('hi')\n");
        var release = new ReleaseResource(App, ReleaseSnapshot.FromDirectory(source, []), "root", "root");
        var directory = Directory.CreateDirectory(Path.Combine(App, "releases", release.Snapshot.Id)).FullName;
        File.WriteAllText(Path.Combine(directory, ReleaseResource.MarkerName), release.Snapshot.Id);
        return (release, new PruneReleasesResource(App, release.Snapshot.Id, 5));
    }

    private void Link(string name, string target)
    {
        Directory.CreateDirectory(App);
        File.CreateSymbolicLink(Path.Combine(App, name), target);
    }
}
