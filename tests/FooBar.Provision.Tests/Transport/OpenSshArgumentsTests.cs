using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>The argument vectors of the three kinds of ssh invocation: open a master, run a command, control a master.</summary>
public sealed class OpenSshArgumentsTests
{
    private static readonly HostEntry Host = new("web1", "192.0.2.10") { Port = 2222, User = "deploy", KeepAliveIntervalSeconds = 7, KeepAliveCountMax = 4, ConnectTimeoutSeconds = 9 };

    [Fact]
    public void Kex_algorithms_become_KexAlgorithms_in_order_on_every_invocation_and_are_left_to_ssh_without_them()
    {
        var chosen = Host with { KexAlgorithms = ["curve25519-sha256", "sntrup761x25519-sha512@openssh.com"] };
        foreach (var arguments in new[]
        {
            OpenSshArguments.ForCommand(chosen, null, "true"),
            OpenSshArguments.ForMaster(chosen, new OpenSshOptions(), "/tmp/m", "/tmp/m.log"),
            OpenSshArguments.ForControl(chosen, "/tmp/m", "check"),
        })
        {
            Assert.Contains("KexAlgorithms=curve25519-sha256,sntrup761x25519-sha512@openssh.com", arguments);
        }

        Assert.DoesNotContain(OpenSshArguments.ForCommand(Host, null, "true"), a => a.StartsWith("KexAlgorithms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_command_never_opens_a_master_itself()
    {
        var arguments = OpenSshArguments.ForCommand(Host, "/tmp/fbssh-x/abc", "sh -c 'true'");

        Assert.Contains("ControlMaster=no", arguments);
        Assert.Contains("ControlPath=/tmp/fbssh-x/abc", arguments);
        Assert.Equal(["-T", "--", "192.0.2.10", "sh -c 'true'"], arguments.TakeLast(4));
    }

    [Fact]
    public void Every_invocation_sets_the_connect_timeout_and_the_keepalive_window()
    {
        foreach (var arguments in new[]
        {
            OpenSshArguments.ForCommand(Host, null, "true"),
            OpenSshArguments.ForMaster(Host, new OpenSshOptions(), "/tmp/m", "/tmp/m.log"),
            OpenSshArguments.ForControl(Host, "/tmp/m", "check"),
        })
        {
            Assert.Contains("ConnectTimeout=9", arguments);
            Assert.Contains("ServerAliveInterval=7", arguments);
            Assert.Contains("ServerAliveCountMax=4", arguments);
        }
    }

    [Fact]
    public void The_master_runs_no_command_goes_to_the_background_and_logs_to_its_file_at_info_level()
    {
        var arguments = OpenSshArguments.ForMaster(Host, new OpenSshOptions { ControlPersistSeconds = 30 }, "/tmp/m", "/tmp/m.log");

        Assert.Contains("ControlMaster=yes", arguments);
        Assert.Contains("ControlPersist=30", arguments);
        Assert.Equal(["-E", "/tmp/m.log", "-f", "-N", "--", "192.0.2.10"], arguments.TakeLast(6));

        // ssh takes the first value of an option: INFO must come before any other LogLevel.
        Assert.Equal("LogLevel=INFO", arguments.First(a => a.StartsWith("LogLevel=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_multiplexing_a_command_has_no_control_options()
    {
        var arguments = OpenSshArguments.ForCommand(Host, null, "true");

        Assert.DoesNotContain(arguments, a => a.StartsWith("Control", StringComparison.Ordinal));
    }

    [Fact]
    public void A_master_always_ends_by_itself_once_idle_even_when_persistence_is_off()
    {
        var arguments = OpenSshArguments.ForMaster(Host, new OpenSshOptions { ControlPersistSeconds = 0 }, "/tmp/m", "/tmp/m.log");

        Assert.Contains("ControlPersist=1", arguments);
    }
}
