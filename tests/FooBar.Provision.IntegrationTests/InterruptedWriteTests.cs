
namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// The real <c>provision</c> (a separate process) is killed while it streams a large file to a real sshd: the target
/// keeps its old content and no temporary file stays, whatever the signal.
/// </summary>
/// <remarks>
/// To kill the controller mid-stream for certain (loopback is fast), the test pauses the remote <c>cat</c> that receives
/// the bytes (SIGSTOP; the controller then blocks on a full pipe), sends the signal to the controller, and lets the
/// remote side go on (SIGCONT): it sees end-of-file after a part of the file.
/// </remarks>
[Collection(LoopbackSshd.CollectionName)]
public sealed class InterruptedWriteTests(LoopbackSshd sshd) : IDisposable
{
    private const int FileBytes = 24 * 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("fbcli-kill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public async Task A_controller_killed_mid_stream_leaves_the_old_file_and_no_temporary_file(string signal)
    {
        var target = Path.Combine(_directory, "motd");
        var inventory = WriteInventory();
        var (controller, temporary, receiver) = await ControllerProcess.StartPausedMidStreamAsync(
            _directory, () => File.WriteAllText(target, "old\n"), "apply", inventory, "--state-dir", Path.Combine(_directory, "state"));
        using var _ = controller;
        long arrived;
        try
        {
            arrived = new FileInfo(temporary).Length;
            ControllerProcess.Signal(signal, controller.Id);
            await controller.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            ControllerProcess.Signal("CONT", receiver);
        }

        await ControllerProcess.WaitForAsync(() => Directory.GetFiles(_directory, ".provision.*").Length == 0 ? "" : null, TimeSpan.FromSeconds(30), "the temporary file stayed");
        Assert.InRange(arrived, 0, FileBytes - 1);
        Assert.Equal("old\n", File.ReadAllText(target));
        Assert.NotEqual(0, controller.ExitCode);
    }

    private string WriteInventory()
    {
        LoopbackInventory.WriteLargeMotdTemplate(_directory, FileBytes);
        return LoopbackInventory.Write(sshd, _directory);
    }
}
