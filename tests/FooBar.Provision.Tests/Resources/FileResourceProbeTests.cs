using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Tests.Resources;

/// <summary>The file probe in a real shell: two process starts for a file in state (stat, sha256sum), the content only when it differs.</summary>
public sealed class FileResourceProbeTests : IDisposable
{
    private readonly ProbeShell _shell = new();

    private string PathOf(string name) => Path.Combine(_shell.Root, name);

    [Fact]
    public void A_file_in_state_prints_its_metadata_and_hash_but_not_its_content()
    {
        File.WriteAllText(PathOf("motd"), "hello\n");
        var file = new FileResource(PathOf("motd"), "hello\n", mode: "0644", owner: Environment.UserName, group: Group());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PathOf("motd"), (UnixFileMode)0b110_100_100);
        }

        var answer = _shell.Alone([file])[0];

        Assert.Equal(2, answer.Lines.Count);
        Assert.Equal($"644 {Environment.UserName} {Group()} 6", answer.Lines[0]);
        Assert.Equal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", answer.Lines[1]);
        Assert.Null(file.Compare(answer, new PlanContext(HostFacts.Debian12)));
    }

    [Fact]
    public void A_file_that_differs_prints_its_content_so_the_plan_shows_a_diff()
    {
        File.WriteAllText(PathOf("motd"), "old line\n");
        var file = new FileResource(PathOf("motd"), "new line\n", owner: Environment.UserName, group: Group());

        var answer = _shell.Alone([file])[0];
        var change = file.Compare(answer, new PlanContext(HostFacts.Debian12));

        Assert.Equal(3, answer.Lines.Count);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("old line\n")), answer.Lines[2]);
        Assert.NotNull(change);
        Assert.Contains("-old line", change.Diff, StringComparison.Ordinal);
        Assert.Contains("+new line", change.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_and_sensitive_files_that_differ_never_print_their_content()
    {
        File.WriteAllText(PathOf("big"), new string('x', 64 * 1024 + 1));
        File.WriteAllText(PathOf("key"), "old secret\n");
        var big = new FileResource(PathOf("big"), "small\n");
        var key = new FileResource(PathOf("key"), "new secret\n") { Sensitive = true };

        var answers = _shell.Alone([big, key]);

        Assert.All(answers, a => Assert.Equal(2, a.Lines.Count));
        Assert.DoesNotContain("secret", key.Compare(answers[1], new PlanContext(HostFacts.Debian12))?.Diff ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_paths_and_paths_that_are_not_regular_files_answer_as_before()
    {
        Directory.CreateDirectory(PathOf("dir"));
        File.WriteAllText(PathOf("target"), "x");
        File.CreateSymbolicLink(PathOf("link"), PathOf("target"));

        var answers = _shell.Batched([new FileResource(PathOf("none"), "x"), new FileResource(PathOf("dir"), "x"), new FileResource(PathOf("link"), "x")]);

        Assert.Equal(["absent\n", "notfile\n", "notfile\n"], answers.Select(a => a.Output));
    }

    public void Dispose() => _shell.Dispose();

    private string Group() => _shell.Run("id -gn").Trim();
}
