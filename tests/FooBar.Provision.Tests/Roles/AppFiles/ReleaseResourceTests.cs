using System.IO.Compression;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles.AppFiles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Roles.AppFiles;

public sealed class ReleaseResourceTests : IDisposable
{
    private readonly AppFilesCheckout _host = new();

    public void Dispose() => _host.Dispose();

    private ReleaseResource Release() =>
        new("/srv/foobar", ReleaseSnapshot.FromDirectory(Path.Combine(_host.Root, "app/python"), ["__pycache__", "test_*.py"]), "foobar", "foobar");

    [Fact]
    public void The_current_release_needs_no_change() =>
        Assert.Null(Release().Compare(new ProbeResult(0, "current\n"), AppFilesCheckout.Plan));

    [Fact]
    public async Task An_absent_release_is_uploaded_in_one_command_with_the_archive_on_stdin()
    {
        var release = Release();

        var change = release.Compare(new ProbeResult(0, "absent\n"), AppFilesCheckout.Plan);

        Assert.NotNull(change);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal($"upload release {release.Snapshot.Id} (2 files, 70 bytes)", change.Summary);
        var command = Assert.Single(await AppFilesCheckout.ApplyAsync(change));
        Assert.Contains("tar -xzf \"$archive\" -C \"$tmp\" --no-same-owner", command.Script, StringComparison.Ordinal);
        Assert.Contains(VerifiedReceive.Sha256(command.StandardInput!.Value.Span), command.Script, StringComparison.Ordinal);
        Assert.Contains("chown -R foobar:foobar \"$tmp\"", command.Script, StringComparison.Ordinal);
        Assert.Contains($"mv -T -- \"$tmp\" {release.Snapshot.Id}", command.Script, StringComparison.Ordinal);
        Assert.Contains($"printf '%s\\n' {release.Snapshot.Id} >> .history", command.Script, StringComparison.Ordinal);
        Assert.NotNull(command.StandardInput);
        using var gzip = new GZipStream(new MemoryStream(command.StandardInput.Value.ToArray()), CompressionMode.Decompress);
        Assert.True(gzip.ReadByte() >= 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_cut_short_leaves_no_release_and_no_temporary_files(bool complete)
    {
        var appRoot = Directory.CreateDirectory(Path.Combine(_host.Root, "srv")).FullName;
        Directory.CreateDirectory(Path.Combine(appRoot, "releases"));
        var release = new ReleaseResource(appRoot, ReleaseSnapshot.FromDirectory(Path.Combine(_host.Root, "app/python"), ["__pycache__"]), "root", "root");
        var upload = Assert.Single(await AppFilesCheckout.ApplyAsync(release.Compare(new ProbeResult(0, "absent\n"), AppFilesCheckout.Plan)!));
        var archive = upload.StandardInput!.Value;
        var sent = complete ? archive : archive[..(archive.Length / 2)];

        var exit = await RunLocallyAsync(upload.Script, sent);

        var entries = Directory.GetFileSystemEntries(Path.Combine(appRoot, "releases")).Select(e => Path.GetFileName(e) ?? "").Order().ToArray();
        if (complete)
        {
            Assert.Equal(0, exit);
            Assert.Equal([".history", release.Snapshot.Id], entries);
            Assert.True(File.Exists(Path.Combine(release.Path, ReleaseResource.MarkerName)));
        }
        else
        {
            Assert.Equal(VerifiedReceive.IncompleteExitCode, exit);
            Assert.Empty(entries);
        }
    }

    private static async Task<int> RunLocallyAsync(string script, ReadOnlyMemory<byte> input)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardInput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await stderr;
        return process.ExitCode;
    }

    [Fact]
    public void An_incomplete_copy_is_replaced()
    {
        var change = Release().Compare(new ProbeResult(0, "incomplete\n"), AppFilesCheckout.Plan);

        Assert.EndsWith(", replacing an incomplete copy)", change?.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_still_on_the_host_is_reused_and_recorded_without_an_upload()
    {
        var release = Release();

        var change = release.Compare(new ProbeResult(0, "present\n"), AppFilesCheckout.Plan);

        Assert.NotNull(change);
        Assert.Equal($"reuse release {release.Snapshot.Id} (still on the host)", change.Summary);
        var command = Assert.Single(await AppFilesCheckout.ApplyAsync(change));
        Assert.Null(command.StandardInput);
        Assert.Equal($"touch {release.Path} && printf '%s\\n' {release.Snapshot.Id} >> /srv/foobar/releases/.history", command.Script);
    }

    [Fact]
    public void The_probe_checks_the_completion_marker_and_the_current_link()
    {
        var release = Release();

        Assert.Contains($"[ -f {release.Path}/.provision-release ]", release.ProbeScript.Text, StringComparison.Ordinal);
        Assert.Contains($"\"$(readlink /srv/foobar/current)\" = releases/{release.Snapshot.Id}", release.ProbeScript.Text, StringComparison.Ordinal);
        Assert.True(release.StalesLaterProbes);
    }
}
