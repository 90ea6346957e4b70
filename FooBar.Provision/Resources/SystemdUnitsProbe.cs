using System.Globalization;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// The probes of every <see cref="ServiceResource"/> of a batch in two <c>systemctl</c> starts instead of two per
/// service: <c>systemctl is-active</c> of all the units (one line each, in order) and <c>systemctl list-unit-files</c>
/// of all of them (the state <c>systemctl is-enabled</c> prints, read live from the unit files as it is).
/// </summary>
/// <remarks>
/// A unit is vouched for only when the host runs systemd, <c>is-active</c> answered every unit, and
/// <c>list-unit-files</c> lists it with a state that <c>is-enabled</c> prints the same way (not <c>generated</c>: a
/// System V script's state comes from <c>systemd-sysv-install</c> there), or does not list it and no System V script
/// of that name exists (then <c>is-enabled</c> fails and prints nothing: a service a pending package installs). Names
/// outside the plain unit-name characters, or naming another unit type, are left to their own probe. (<c>systemctl
/// show</c> would be one start, but its <c>UnitFileState</c> is the manager's cached view: after a hand-removed
/// symlink it still says <c>enabled</c> where <c>is-enabled</c> says <c>disabled</c>, and it resolves aliases.)
/// </remarks>
internal sealed class SystemdUnitsProbe : SharedProbe
{
    private static readonly string[] OtherTypes = [".socket", ".timer", ".target", ".path", ".mount", ".automount", ".swap", ".slice", ".scope", ".device"];

    private SystemdUnitsProbe()
    {
    }

    /// <summary>The one instance: every service of a batch shares it.</summary>
    public static SystemdUnitsProbe Instance { get; } = new();

    /// <summary>The states that <c>list-unit-files</c> and <c>is-enabled</c> print alike for a unit file.</summary>
    private static readonly ShellScript SameStates = $"enabled|enabled-runtime|linked|linked-runtime|alias|masked|masked-runtime|static|indirect|disabled";

    /// <inheritdoc />
    public override ShellScript Gather(IReadOnlyList<Resource> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var units = members
            .Select((m, k) => (Member: k, Service: (m as ServiceResource)?.Service))
            .Where(u => u.Service is not null && UnitFile(u.Service) is not null)
            .Select(u => (u.Member, Service: u.Service!, File: UnitFile(u.Service!)!, Script: "/etc/init.d/" + UnitFile(u.Service!)![..^".service".Length]))
            .ToArray();
        if (units.Length == 0)
        {
            return $"true";
        }

        var each = units.Select(u => (ShellScript)$$"""
            case $fb_f in *"
            {{u.File}} "*) fb_x=${fb_f#*"
            {{u.File}} "}; fb_x=${fb_x%%"
            "*};; *) fb_x=;; esac
            case $fb_x in
              {{SameStates}}) printf '%s\nactive %s\nenabled %s\n' {{Header(u.Member)}} "$1" "$fb_x";;
              '') [ -e {{u.Script}} ] || printf '%s\nactive %s\nenabled \n' {{Header(u.Member)}} "$1";;
            esac; shift

            """);
        return $$"""
            if [ -d /run/systemd/system ]; then
              set -f; set -- $(systemctl is-active {{ShellWords.Of(units.Select(u => u.Service))}} 2>/dev/null)
              if [ "$#" = {{units.Length.ToString(CultureInfo.InvariantCulture)}} ]; then
                fb_e=$(systemctl list-unit-files --no-legend {{ShellWords.Of(units.Select(u => u.File))}} 2>/dev/null)
                fb_f=
                while read -r fb_u fb_s fb_r; do fb_f="$fb_f
            $fb_u $fb_s"; done <<FB_UNITS
            $fb_e
            FB_UNITS
            fb_f="$fb_f
            "
            {{ShellScript.Join(ShellScript.Empty, each)}}  fi
            fi
            """;
    }

    // The unit file list-unit-files knows the service by (name.service), or null when the two answers could differ.
    private static string? UnitFile(string service)
    {
        if (service.Length == 0 || service[0] == '-' || !service.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-'))
        {
            return null;
        }

        if (service.EndsWith(".service", StringComparison.Ordinal))
        {
            return service;
        }

        return OtherTypes.Any(t => service.EndsWith(t, StringComparison.Ordinal)) ? null : service + ".service";
    }
}
