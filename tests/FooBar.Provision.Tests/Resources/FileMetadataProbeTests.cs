using System.Text;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The files and directories of a batch probed with one stat and one sha256sum, answering exactly as each one's own
/// probe does, in a real shell against the real tools (stubs on PATH only count the starts).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileMetadataProbeTests : IDisposable
{
    private readonly ProbeShell _shell = new();

    public FileMetadataProbeTests()
    {
        foreach (var tool in new[] { "stat", "sha256sum", "base64" })
        {
            _shell.Stub(tool, $"exec /usr/bin/{tool} \"$@\"\n");
        }
    }

    private string Dir => Path.Combine(_shell.Root, "t");

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void Files_and_directories_in_every_state_answer_as_alone_with_one_stat_and_one_sha256sum(string shell)
    {
        _shell.Shell = shell;
        Directory.CreateDirectory(Path.Combine(Dir, "a dir"));
        Directory.CreateDirectory(Path.Combine(Dir, "it's here"));
        File.WriteAllText(Path.Combine(Dir, "same.conf"), "same\n");
        File.WriteAllText(Path.Combine(Dir, "-dash"), "other\n");
        File.WriteAllText(Path.Combine(Dir, "secret key"), "old\n");
        File.WriteAllText(Path.Combine(Dir, "a file"), "x");
        File.CreateSymbolicLink(Path.Combine(Dir, "link.conf"), Path.Combine(Dir, "same.conf"));
        File.SetUnixFileMode(Path.Combine(Dir, "it's here"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Resource[] resources =
        [
            new FileResource(Path.Combine(Dir, "same.conf"), "same\n"),
            new DirectoryResource(Path.Combine(Dir, "a dir")),
            new FileResource(Path.Combine(Dir, "-dash"), "new\n"),
            new FileResource(Path.Combine(Dir, "secret key"), "new\n") { Sensitive = true },
            new FileResource(Path.Combine(Dir, "missing"), "x"),
            new FileResource(Path.Combine(Dir, "link.conf"), "same\n"),
            new FileResource(Path.Combine(Dir, "a dir"), "x"),
            new DirectoryResource(Path.Combine(Dir, "it's here"), "0700"),
            new DirectoryResource(Path.Combine(Dir, "a file")),
            new DirectoryResource(Path.Combine(Dir, "nowhere")),
        ];

        var alone = _shell.Alone(resources);
        _shell.ClearCalls();
        var batched = _shell.Batched(resources);

        Assert.Equal(alone, batched);
        Assert.StartsWith("644 ", batched[0].Output, StringComparison.Ordinal);
        Assert.Equal(3, batched[2].Lines.Count); // a differing file sends its content for the diff
        Assert.Equal(2, batched[3].Lines.Count); // a sensitive one never does
        Assert.Equal("absent\n", batched[4].Output);
        Assert.Equal("notfile\n", batched[5].Output);
        Assert.StartsWith("700 ", batched[7].Output, StringComparison.Ordinal);
        Assert.Equal("notdir\n", batched[8].Output);
        Assert.Equal(["sha256sum", "stat", "base64"], _shell.Calls.Select(c => c.Split(' ')[0]).ToArray());
    }

    [Fact]
    public void A_file_that_vanishes_after_its_test_makes_every_member_run_its_own_probe()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "one"), "1");
        File.WriteAllText(Path.Combine(Dir, "two"), "2");
        // stat fails as if a file was removed between the test and the call: the gather vouches for nobody.
        _shell.Stub("stat", "case \" $* \" in *\" -- \"*) exit 1;; esac\nexec /usr/bin/stat \"$@\"\n");
        Resource[] resources = [new FileResource(Path.Combine(Dir, "one"), "1"), new FileResource(Path.Combine(Dir, "two"), "2")];

        var batched = _shell.Batched(resources);
        var calls = _shell.Calls;
        var alone = _shell.Alone(resources);

        Assert.Equal(alone, batched);
        Assert.Equal("1", batched[0].Lines[1] == Hash("1") ? "1" : batched[0].Output);
        Assert.Equal(3, calls.Count(c => c.StartsWith("stat ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_path_with_a_newline_or_a_backslash_keeps_its_own_probe()
    {
        Assert.Null(new FileResource("/etc/a\nb", "x").SharedProbe);
        Assert.Null(new DirectoryResource("/srv/a\\b").SharedProbe);
        Assert.Same(FileMetadataProbe.Instance, new FileResource("/etc/it's", "x").SharedProbe);
    }

    public void Dispose() => _shell.Dispose();

    private static string Hash(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
