using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>Control directories of controllers that ended without cleaning up are found by their recorded PID and removed.</summary>
public sealed class ControlDirectoriesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fb-ctlroot-").FullName;

    [Fact]
    public void A_directory_whose_controller_is_gone_is_removed()
    {
        var stale = Owned("fbssh-dead01", $"{int.MaxValue - 1} 12345");

        ControlDirectories.RemoveStale(_root, "ssh");

        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void A_directory_whose_pid_now_belongs_to_another_process_is_removed()
    {
        var reused = Owned("fbssh-reuse1", $"1 {ControlDirectories.StartTime(1) + 1}");

        ControlDirectories.RemoveStale(_root, "ssh");

        Assert.False(Directory.Exists(reused));
    }

    [Fact]
    public void A_directory_of_a_running_controller_and_other_names_are_kept()
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var mine = Owned("fbssh-mine01", $"{pid} {ControlDirectories.StartTime(Environment.ProcessId)}");
        var running = Owned("fbssh-init01", $"1 {ControlDirectories.StartTime(1)}");
        var other = Owned("other-dead01", $"{int.MaxValue - 1} 1");

        ControlDirectories.RemoveStale(_root, "ssh");

        Assert.True(Directory.Exists(mine));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public void A_new_directory_records_its_controller()
    {
        var path = ControlDirectories.CreatePrivate("ssh");
        try
        {
            var owner = File.ReadAllText(Path.Combine(path, ControlDirectories.OwnerFile)).Trim();

            Assert.Equal($"{Environment.ProcessId} {ControlDirectories.StartTime(Environment.ProcessId)}", owner);
        }
        finally
        {
            ControlDirectories.Delete(path);
        }

        Assert.False(Directory.Exists(path));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Owned(string name, string owner)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ControlDirectories.OwnerFile), owner + "\n");
        File.WriteAllText(Path.Combine(path, "0123456789abcdef.log"), "Timeout, server not responding.\n");
        return path;
    }
}
