using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshWriteFileTests(LoopbackSshd sshd) : IAsyncLifetime
{
    private readonly OpenSshConnectionFactory _factory = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("fbssh-write-").FullName;
    private IHostConnection _connection = null!;

    public Task InitializeAsync()
    {
        _connection = _factory.Open(sshd.Host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Writes_the_content_mode_and_owner_in_one_round_trip()
    {
        var path = Path.Combine(_directory, "site.conf");
        var content = Encoding.UTF8.GetBytes("server { listen 80; } # é 🚀\n\0binary\xff");

        await _connection.WriteFileAsync(new RemoteFile(path, content, "0640", "nobody", "nogroup"));
        var roundTrips = _connection.RoundTrips;

        Assert.Equal(1, roundTrips);
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal("640 nobody nogroup\n", await StatAsync("%a %U %G", path));
    }

    [Fact]
    public async Task Replaces_an_existing_file_by_rename_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory, "app.ini");
        File.WriteAllText(path, "old\n");
        var inodeBefore = await StatAsync("%i", path);

        await _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("new\n"), "0600"));

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.NotEqual(inodeBefore, await StatAsync("%i", path));
        Assert.Equal("600\n", await StatAsync("%a", path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Keeps_a_copy_of_the_current_file_when_BackupPath_is_set()
    {
        var path = Path.Combine(_directory, "nginx.conf");
        var backup = Path.Combine(_directory, "nginx.conf.bak");
        File.WriteAllText(path, "old\n");

        await _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("new\n")) { BackupPath = backup });

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal("old\n", File.ReadAllText(backup));
    }

    [Fact]
    public async Task Makes_no_backup_when_there_is_no_current_file()
    {
        var path = Path.Combine(_directory, "new.conf");
        var backup = Path.Combine(_directory, "new.conf.bak");

        await _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x")) { BackupPath = backup });

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(backup));
    }

    [Fact]
    public async Task Writes_to_a_hostile_path_intact()
    {
        var path = Path.Combine(_directory, "it's \"$(id)\" `id`;\n *?~! é");

        await _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("content")));

        Assert.Equal("content", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_failed_write_throws_RemoteCommandFailedException_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory, "owned.conf");

        var exception = await Assert.ThrowsAsync<RemoteCommandFailedException>(
            () => _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"), Owner: "no-such-user-fbssh")));

        Assert.NotEqual(0, exception.ExitCode);
        Assert.Contains("no-such-user-fbssh", exception.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Writing_into_a_missing_directory_throws_RemoteCommandFailedException()
    {
        var path = Path.Combine(_directory, "missing", "file");

        var exception = await Assert.ThrowsAsync<RemoteCommandFailedException>(
            () => _connection.WriteFileAsync(new RemoteFile(path, Encoding.UTF8.GetBytes("x"))));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    private async Task<string> StatAsync(string format, string path) =>
        (await _connection.RunAsync(new RemoteCommand($"stat -c {ShellQuote.Quote(format)} {ShellQuote.Quote(path)}"))).StandardOutput;
}
