using System.Formats.Tar;
using System.IO.Compression;
using FooBar.Provision.Roles.AppFiles;

namespace FooBar.Provision.Tests.Roles.AppFiles;

public sealed class ReleaseSnapshotTests : IDisposable
{
    private static readonly string[] Exclude = ["__pycache__", "*.pyc", "test_*.py"];
    private readonly AppFilesCheckout _host = new();

    public void Dispose() => _host.Dispose();

    private ReleaseSnapshot Snapshot(string folder = "app/python") => ReleaseSnapshot.FromDirectory(Path.Combine(_host.Root, folder), Exclude);

    [Fact]
    public void The_same_content_gives_the_same_id_wherever_and_whenever_it_was_copied()
    {
        var first = Snapshot();
        _host.Write("copy/foobar_app.py", File.ReadAllText(Path.Combine(_host.Root, "app/python/foobar_app.py")));
        _host.Write("copy/static/style.css", File.ReadAllText(Path.Combine(_host.Root, "app/python/static/style.css")));
        File.SetLastWriteTimeUtc(Path.Combine(_host.Root, "copy/foobar_app.py"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Matches("^[0-9a-f]{12}$", first.Id);
        Assert.Equal(first.Id, Snapshot().Id);
        Assert.Equal(first.Id, Snapshot("copy").Id);
    }

    [Fact]
    public void Changed_content_gives_a_new_id()
    {
        var before = Snapshot().Id;
        _host.Write("app/python/static/style.css", "body { color: red; }\n");

        Assert.NotEqual(before, Snapshot().Id);
    }

    [Fact]
    public void A_new_file_or_a_renamed_one_gives_a_new_id()
    {
        var before = Snapshot().Id;
        _host.Write("app/python/extra.py", "");
        var added = Snapshot().Id;
        File.Move(Path.Combine(_host.Root, "app/python/extra.py"), Path.Combine(_host.Root, "app/python/other.py"));

        Assert.NotEqual(before, added);
        Assert.NotEqual(added, Snapshot().Id);
    }

    [Fact]
    public void The_executable_bit_is_part_of_the_id()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var before = Snapshot().Id;
        File.SetUnixFileMode(Path.Combine(_host.Root, "app/python/foobar_app.py"), (UnixFileMode)0b111_101_101);

        Assert.NotEqual(before, Snapshot().Id);
    }

    [Fact]
    public void Excluded_files_do_not_change_the_id()
    {
        var before = Snapshot().Id;
        _host.Write("app/python/test_more.py", "x = 1\n");
        _host.Write("app/python/static/__pycache__/x.pyc", "y");

        Assert.Equal(before, Snapshot().Id);
    }

    [Fact]
    public void The_archive_holds_every_file_with_normalised_modes()
    {
        using var gzip = new GZipStream(new MemoryStream(Snapshot().ToTarGz()), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new Dictionary<string, (TarEntryType Type, UnixFileMode Mode, string Content)>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new StreamReader(entry.DataStream ?? Stream.Null);
            entries[entry.Name] = (entry.EntryType, entry.Mode, content.ReadToEnd());
        }

        Assert.Equal(["foobar_app.py", "static/", "static/style.css"], entries.Keys.Order());
        Assert.Equal((TarEntryType.Directory, (UnixFileMode)0b111_101_101), (entries["static/"].Type, entries["static/"].Mode));
        Assert.Equal((UnixFileMode)0b110_100_100, entries["foobar_app.py"].Mode);
        Assert.Equal("body { color: black; }\n", entries["static/style.css"].Content);
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var error = Assert.Throws<ProvisionException>(() => Snapshot("nowhere"));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }
}
