using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>
/// The probes of every MySQL resource of a batch in one <c>mysql</c> session for their queries, plus one for the grants
/// of the accounts that exist, instead of one or two <c>mysql</c> starts per resource.
/// </summary>
/// <remarks>
/// The first session runs every query with the flags of the resources' own probes (<c>-N -B</c>), each after a
/// <c>SELECT</c> of its member header; the second runs <c>SHOW GRANTS</c> for the accounts the first found, raw
/// (<c>-r</c>) and through the same sed as <see cref="MysqlUserResource"/>'s own probe. A session that fails (no server,
/// an account dropped in between) vouches for nothing, so each resource then runs its own probe and reports what it
/// reports alone (absent, unreachable and why).
/// </remarks>
internal sealed class MysqlSessionProbe : SharedProbe
{
    private MysqlSessionProbe()
    {
    }

    /// <summary>The one instance: every MySQL resource of a batch shares it.</summary>
    public static MysqlSessionProbe Instance { get; } = new();

    /// <inheritdoc />
    public override ShellScript Gather(IReadOnlyList<Resource> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var probes = members.Select((m, k) => (Member: k, Probe: m as IMysqlProbe)).Where(p => p.Probe is not null).ToArray();
        var queries = string.Concat(probes.Select(p => $"SELECT '{Header(p.Member)}'; {p.Probe!.ProbeSql};\n"));
        var grants = probes
            .Where(p => p.Probe!.GrantsAccount is not null)
            .Select(p => (p.Member, Sql: $"SELECT '{Header(p.Member)}'; SHOW GRANTS FOR {p.Probe!.GrantsAccount};\n"))
            .Select(p => (ShellScript)$"if fb_member \"$fb_q\" {p.Member}; then case $fb_shared in 'password '*) fb_w=$fb_w{p.Sql};; esac; fi\n");
        return $$"""
            if command -v mysql >/dev/null 2>&1 && fb_q=$(mysql -N -B -e {{queries}} 2>/dev/null); then
            fb_w=
            {{ShellScript.Join(ShellScript.Empty, grants)}}if [ -z "$fb_w" ]; then printf '%s\n' "$fb_q"
            elif fb_v=$(mysql -N -B -r -e "$fb_w" 2>/dev/null); then printf '%s\n' "$fb_q"; printf '%s\n' "$fb_v" | sed -n -e '/^fb-member [0-9]*$/p' -e {{MysqlUserResource.GrantLines}}
            fi
            fi
            """;
    }
}
