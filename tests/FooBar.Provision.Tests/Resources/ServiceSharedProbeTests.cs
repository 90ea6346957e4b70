using FooBar.Provision.Resources;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The services of a batch probed with two systemctl starts instead of two each, answering exactly as each service's
/// own probe (systemctl is-active + is-enabled) does, in a real shell against a systemctl stub that behaves as systemd
/// 252 does: is-active answers every unit in order, is-enabled answers one unit or fails, list-unit-files lists the
/// unit files it finds with their state (a System V script's generated unit as "generated").
/// </summary>
public sealed class ServiceSharedProbeTests : IDisposable
{
    private readonly ProbeShell _shell = new();

    public ServiceSharedProbeTests()
    {
        _shell.Stub("systemctl", """
            d=$(dirname "$0")/units
            verb=$1; shift
            case $verb in
              is-active) for u in "$@"; do u=${u%.service}; if [ -f "$d/$u.active" ]; then cat "$d/$u.active"; else echo inactive; fi; done ;;
              is-enabled) u=${1%.service}; if [ -f "$d/$u.enabled" ]; then cat "$d/$u.enabled"; else echo "Failed to get unit file state for $u.service: No such file or directory" >&2; exit 1; fi ;;
              list-unit-files) [ "$1" = --no-legend ] && shift
                for f in "$@"; do u=${f%.service}; if [ -f "$d/$u.listed" ]; then printf '%s   %s   %s\n' "$f" "$(cat "$d/$u.listed")" -; fi; done ;;
              *) exit 1 ;;
            esac
            """);
        _shell.Stub("service", "exit 3");
        Directory.CreateDirectory(Path.Combine(_shell.Bin, "units"));
        _shell.Systemd = true;
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void Three_running_enabled_services_cost_two_systemctl_starts_and_answer_as_alone(string shell)
    {
        _shell.Shell = shell;
        Unit("nginx", "active", "enabled");
        Unit("mariadb", "active", "enabled");
        Unit("foobar", "active", "enabled");
        Resource[] services = [new ServiceResource("nginx"), new ServiceResource("mariadb"), new ServiceResource("foobar")];

        var alone = _shell.Alone(services);
        Assert.Equal(6, _shell.Calls.Count);
        _shell.ClearCalls();
        var batched = _shell.Batched(services);

        Assert.Equal(alone, batched);
        Assert.Equal("active active\nenabled enabled\n", batched[0].Output);
        Assert.Equal(["systemctl is-active nginx mariadb foobar", "systemctl list-unit-files --no-legend nginx.service mariadb.service foobar.service"], _shell.Calls);
    }

    [Fact]
    public void Stopped_disabled_masked_static_aliased_and_unknown_services_answer_as_alone()
    {
        Unit("stopped", "inactive", "disabled");
        Unit("failing", "failed", "enabled");
        Unit("masked", "inactive", "masked");
        Unit("plain", "active", "static");
        Unit("mysql", "active", "alias");
        Unit("starting", "activating", "indirect");
        string[] names = ["stopped", "failing", "masked", "plain", "mysql", "starting", "nosuch", "nginx.service"];
        var services = names.Select(s => (Resource)new ServiceResource(s)).ToArray();

        var alone = _shell.Alone(services);
        _shell.ClearCalls();
        var batched = _shell.Batched(services);

        Assert.Equal(alone, batched);
        Assert.Equal("active inactive\nenabled \n", batched[6].Output);
        // Units without a unit file or a System V script (services a pending package installs) need no call of their own.
        Assert.Equal(2, _shell.Calls.Count);
    }

    [Fact]
    public void A_System_V_script_and_names_outside_plain_unit_names_run_their_own_probe()
    {
        Unit("legacy", "active", "enabled", listed: "generated");
        Unit("fresh", "inactive", "disabled", listed: null); // a script the generator has not seen yet (no daemon-reload)
        File.Delete(Path.Combine(_shell.Bin, "units", "fresh.listed"));
        File.WriteAllText(Path.Combine(_shell.InitScripts, "fresh"), "#!/bin/sh\n");
        Unit("nginx", "active", "enabled");
        Unit("getty@tty1", "active", "enabled");
        Resource[] services = [new ServiceResource("legacy"), new ServiceResource("nginx"), new ServiceResource("getty@tty1"), new ServiceResource("cron.timer"), new ServiceResource("fresh")];

        var alone = _shell.Alone(services);
        _shell.ClearCalls();
        var batched = _shell.Batched(services);

        Assert.Equal(alone, batched);
        Assert.Equal("active active\nenabled enabled\n", batched[0].Output);
        Assert.Contains("systemctl is-enabled legacy", _shell.Calls);
        Assert.DoesNotContain("systemctl is-enabled nginx", _shell.Calls);
        Assert.Contains("systemctl is-enabled getty@tty1", _shell.Calls);
        Assert.Contains("systemctl is-enabled fresh", _shell.Calls);
        Assert.Equal("active inactive\nenabled disabled\n", batched[4].Output);
        Assert.Contains("systemctl is-active legacy nginx fresh", _shell.Calls);
    }

    [Fact]
    public void When_is_active_does_not_answer_every_unit_no_service_is_vouched_for()
    {
        _shell.Stub("systemctl", """
            case $1 in is-active) echo active ;; is-enabled) echo enabled ;; list-unit-files) printf 'a.service enabled -\nb.service enabled -\n' ;; esac
            """);
        Resource[] services = [new ServiceResource("a"), new ServiceResource("b")];

        var batched = _shell.Batched(services);

        Assert.Equal(["active active\nenabled enabled\n", "active active\nenabled enabled\n"], batched.Select(b => b.Output));
        Assert.Equal(5, _shell.Calls.Count); // the gather's is-active, then each service's own two calls
        Assert.DoesNotContain(_shell.Calls, c => c.StartsWith("systemctl list-unit-files", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_systemd_the_services_answer_as_alone_and_no_systemctl_starts()
    {
        _shell.Systemd = false;
        Unit("nginx", "active", "enabled");
        Resource[] services = [new ServiceResource("nginx"), new ServiceResource("cron")];

        var alone = _shell.Alone(services);
        _shell.ClearCalls();
        var batched = _shell.Batched(services);

        Assert.Equal(alone, batched);
        Assert.DoesNotContain(_shell.Calls, c => c.StartsWith("systemctl", StringComparison.Ordinal));
    }

    public void Dispose() => _shell.Dispose();

    private void Unit(string name, string active, string enabled, string? listed = null)
    {
        var units = Path.Combine(_shell.Bin, "units");
        File.WriteAllText(Path.Combine(units, name + ".active"), active + "\n");
        File.WriteAllText(Path.Combine(units, name + ".enabled"), enabled + "\n");
        File.WriteAllText(Path.Combine(units, name + ".listed"), (listed ?? enabled) + "\n");
    }
}
