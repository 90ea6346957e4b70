using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The built-in probes run in the batch's own shell (a group, no fork); any other probe keeps a subshell of its own, so
/// its exit or its variables cannot reach the probes after it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProbeFramingTests : IDisposable
{
    private const string Marker = "@@fbp-0123456789ab";
    private readonly ProbeShell _shell = new();

    private string Dir => Directory.CreateDirectory(Path.Combine(_shell.Root, "t")).FullName;

    [Fact]
    public void Built_in_probes_are_grouped_and_other_probes_get_a_subshell()
    {
        var script = ProbeBatch.Script([new FileResource("/etc/a", "x"), new Exiting("b"), new GroupResource("g")], Marker).Text;

        Assert.Contains($"echo '{Marker} 0'; {{ if [ -f /etc/a ]", script, StringComparison.Ordinal);
        Assert.Contains($"echo '{Marker} 1'; ( echo b; exit 3\n) </dev/null", script, StringComparison.Ordinal);
        Assert.Contains($"echo '{Marker} 2'; {{ getent group g", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void Grouped_probes_answer_as_alone_and_an_exiting_probe_between_them_ends_only_itself(string shell)
    {
        _shell.Shell = shell;
        _shell.Stub("service", "exit 3");
        File.WriteAllText(Path.Combine(Dir, "f"), "content\n");
        File.CreateSymbolicLink(Path.Combine(Dir, "l"), "f");
        Directory.CreateDirectory(Path.Combine(Dir, "d"));
        Resource[] resources =
        [
            new FileResource(Path.Combine(Dir, "f"), "other\n"),
            new Exiting("x"),
            new FileResource(Path.Combine(Dir, "missing"), "x"),
            new DirectoryResource(Path.Combine(Dir, "d")),
            new SymlinkResource(Path.Combine(Dir, "l"), "f"),
            new AbsentResource(Path.Combine(Dir, "f")),
            new GroupResource("root"),
            new UserResource("root", "root", "/root"),
            new ServiceResource("fb-no-such-service"),
            new Exiting("y"),
            new FileResource(Path.Combine(Dir, "l"), "f"),
        ];

        var alone = _shell.Alone(resources);
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.Equal(new ProbeResult(3, "x\n"), batched[1]);
        Assert.Equal("link f\n", batched[4].Output);
        Assert.Equal("notfile\n", batched[10].Output);
    }

    public void Dispose() => _shell.Dispose();

    // A probe that is not audited for the batch's shell, and ends with exit.
    private sealed class Exiting(string name) : Resource
    {
        public override string Kind => "exiting";

        public override string Name => name;

        public override ShellScript ProbeScript => $"echo {name}; exit 3";

        public override ResourceChange? Compare(ProbeResult current, PlanContext context) => null;
    }
}
