using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

/// <summary>The host settings that bound waiting: keep-alives, command deadlines and the package manager's lock.</summary>
public sealed class InventoryConnectionSettingsTests
{
    [Fact]
    public void The_waiting_settings_are_read_from_the_host()
    {
        var host = Parse("""
            hosts:
              www:
                address: 10.0.0.1
                keepalive_interval: 2
                keepalive_count_max: 4
                command_timeout: 900
                apt_lock_timeout: 30
            """).Hosts[0];

        Assert.Equal((2, 4, 900, 30), (host.KeepAliveIntervalSeconds, host.KeepAliveCountMax, host.CommandTimeoutSeconds, host.AptLockTimeoutSeconds));
    }

    [Fact]
    public void The_waiting_settings_default_to_a_15_second_keepalive_window_10_minute_commands_and_2_minutes_for_the_apt_lock()
    {
        var host = Parse("""
            hosts:
              www: { address: 10.0.0.1 }
            """).Hosts[0];

        Assert.Equal((5, 3, 600, 120), (host.KeepAliveIntervalSeconds, host.KeepAliveCountMax, host.CommandTimeoutSeconds, host.AptLockTimeoutSeconds));
    }
}
