using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A system user (no password, no login shell) whose primary group is <see cref="Group"/>; the group must exist.</summary>
public sealed class UserResource(string user, string group, string home, string shell = "/usr/sbin/nologin") : Resource
{
    /// <summary>The user name.</summary>
    public string User { get; } = user;

    /// <summary>The primary group.</summary>
    public string Group { get; } = group;

    /// <summary>The home directory (not created).</summary>
    public string Home { get; } = home;

    /// <summary>The login shell.</summary>
    public string Shell { get; } = shell;

    /// <inheritdoc />
    public override string Kind => "user";

    /// <inheritdoc />
    public override string Name => User;

    /// <inheritdoc />
    /// <remarks>
    /// Prints the primary group's name, then home and shell as <c>HOME:SHELL</c> (fields 6 and 7 of the passwd entry,
    /// cut from the one <c>getent</c> answer by the shell), or <c>absent</c>: two process starts (getent, id).
    /// </remarks>
    public override ShellScript ProbeScript =>
        $"if fb_p=$(getent passwd {User}); then echo \"$(id -gn {User}) ${{fb_p#*:*:*:*:*:}}\"; else echo absent; fi";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = current.Output.Trim();
        var desired = $"{Group} {Home}:{Shell}";
        if (state == desired)
        {
            return null;
        }

        ShellScript common = $"--gid {Group} --shell {Shell}";
        if (state == "absent")
        {
            return new ResourceChange(ChangeAction.Create, $"create system user {User} (group {Group}, home {Home})",
                RemoteActions.Run($"useradd --system --no-create-home {common} --home-dir {Home} {User}"));
        }

        // Only what differs: usermod refuses some changes (the home) while the user runs processes, never the others.
        // usermod names the home option --home (useradd's --home-dir is not one of usermod's).
        var space = state.IndexOf(' ', StringComparison.Ordinal);
        var colon = state.LastIndexOf(':');
        var (group, home, shell) = space > 0 && colon > space ? (state[..space], state[(space + 1)..colon], state[(colon + 1)..]) : ("", "", "");
        var options = new List<ShellScript>();
        if (group != Group)
        {
            options.Add($"--gid {Group}");
        }

        if (home != Home)
        {
            options.Add($"--home {Home}");
        }

        if (shell != Shell)
        {
            options.Add($"--shell {Shell}");
        }

        return new ResourceChange(ChangeAction.Update, $"update user {User} to group {Group}, home {Home}, shell {Shell} (was {state})",
            RemoteActions.Run($"usermod {ShellScript.Join($" ", options)} {User}"));
    }
}
