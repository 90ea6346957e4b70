using System.Diagnostics;
using System.Text;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>The file-writing script, run by the local <c>sh</c>: it installs a file only when every byte arrived intact.</summary>
public sealed class RemoteFileScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbp-write-").FullName;

    private string Target => Path.Combine(_directory, "site.conf");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_expected_size_and_sha256_are_words_of_the_script_and_the_content_is_not()
    {
        var content = Encoding.UTF8.GetBytes("secret-free content\n");

        var script = RemoteFileScript.For(new RemoteFile(Target, content));

        Assert.Contains("!= 20 ]", script, StringComparison.Ordinal);
        Assert.Contains(VerifiedReceive.Sha256(content), script, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-free", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_bytes_intact_install_the_file_and_leave_no_temporary_file()
    {
        var content = Large(300_000);
        File.WriteAllText(Target, "old\n");

        var (exit, _) = await RunAsync(RemoteFileScript.For(new RemoteFile(Target, content)), content);

        Assert.Equal(0, exit);
        Assert.Equal(content, File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Input_that_ends_early_leaves_the_old_file_and_no_temporary_file()
    {
        var content = Large(300_000);
        File.WriteAllText(Target, "old\n");

        var (exit, stderr) = await RunAsync(RemoteFileScript.For(new RemoteFile(Target, content)), content.AsMemory(0, 70_000));

        Assert.Equal(VerifiedReceive.IncompleteExitCode, exit);
        Assert.Contains("received 70000 of 300000 bytes; nothing was installed", stderr, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Input_of_the_right_size_but_other_bytes_is_not_installed()
    {
        var content = Large(100_000);
        var corrupt = content.ToArray();
        corrupt[50_000] ^= 0xff;
        File.WriteAllText(Target, "old\n");

        var (exit, stderr) = await RunAsync(RemoteFileScript.For(new RemoteFile(Target, content)), corrupt);

        Assert.Equal(VerifiedReceive.IncompleteExitCode, exit);
        Assert.Contains("does not match its sha256", stderr, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task A_backup_is_made_only_when_the_content_is_complete()
    {
        var backup = Path.Combine(_directory, ".site.conf.prev");
        var content = Large(100_000);
        File.WriteAllText(Target, "old\n");

        var (exit, _) = await RunAsync(RemoteFileScript.For(new RemoteFile(Target, content) { BackupPath = backup }), content.AsMemory(0, 10));

        Assert.NotEqual(0, exit);
        Assert.False(File.Exists(backup));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("INT")]
    public async Task A_signal_while_receiving_removes_the_temporary_file_and_leaves_the_target(string signal)
    {
        File.WriteAllText(Target, "old\n");
        var content = Large(200_000);
        using var process = Start(RemoteFileScript.For(new RemoteFile(Target, content)));
        await process.StandardInput.BaseStream.WriteAsync(content.AsMemory(0, 100_000));
        await process.StandardInput.BaseStream.FlushAsync();
        await WaitForAsync(() => Directory.GetFileSystemEntries(_directory).Length == 2);

        // The script's shell gets the signal while cat still waits for the rest (stdin stays open).
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Equal("old\n", File.ReadAllText(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_directory));
    }

    private static byte[] Large(int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static Process Start(string script)
    {
        var process = new Process
        {
            // Signals at their default (`env --default-signal`): a background test run inherits SIGINT ignored, and the
            // script's trap could then never see it.
            StartInfo = new ProcessStartInfo("env", ["--default-signal", "/bin/sh", "-c", script])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.Start();
        return process;
    }

    private static async Task<(int Exit, string Stderr)> RunAsync(string script, ReadOnlyMemory<byte> input)
    {
        using var process = Start(script);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the script never created its temporary file");
    }
}
