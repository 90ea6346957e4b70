using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>
/// The probes of every MySQL resource of a batch in one <c>mysql</c> session (their queries, then the grants of the
/// accounts that exist), instead of one or two <c>mysql</c> starts per resource.
/// </summary>
/// <remarks>
/// <para>
/// The session runs every query, each after a <c>SELECT</c> of its member header, then a separator line and one
/// compound statement (<c>BEGIN NOT ATOMIC</c>) that runs <c>SHOW GRANTS</c> for each account only <c>IF EXISTS</c>: a
/// missing account's grants are not asked for, so no statement of the session fails in any state the probes model, and
/// one that does fail (no server, a query refused, an account dropped in between) fails the session, which then vouches
/// for nothing: each resource runs its own probe and reports what it reports alone (absent, unreachable and why).
/// </para>
/// <para>
/// The grant lines go through the same sed as <see cref="MysqlUserResource"/>'s own probe, which reads them raw
/// (<c>-r</c>); so the session is raw too. The queries' rows (<c>present</c>, <c>password</c> and a hex digest, a word and
/// a count) hold no tab, newline, backslash or NUL, the only bytes that raw output prints differently.
/// </para>
/// </remarks>
internal sealed class MysqlSessionProbe : SharedProbe
{
    // The line between the queries' rows and the grants' (no query prints it).
    private const string Separator = "fb-grants";

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
            .Where(p => p.Probe!.Grants is not null)
            .Select(p => $"IF {p.Probe!.Grants!.Value.Exists} THEN SELECT '{Header(p.Member)}'; SHOW GRANTS FOR {p.Probe.Grants.Value.Account}; END IF;\n")
            .ToArray();
        if (grants.Length == 0)
        {
            return $"""
                if command -v mysql >/dev/null 2>&1 && fb_q=$(mysql -N -B -e {queries} 2>/dev/null); then printf '%s\n' "$fb_q"; fi
                """;
        }

        // The client's own `delimiter` command lets the compound statement hold `;`.
        var sql = $"{queries}SELECT '{Separator}';\ndelimiter ;;\nBEGIN NOT ATOMIC\n{string.Concat(grants)}END;;\n";
        return $$"""
            if command -v mysql >/dev/null 2>&1 && fb_q=$(mysql -N -B -r -e {{sql}} 2>/dev/null); then
            case $fb_q in *"
            {{Separator}}"*) ;; *) exit 1;; esac
            fb_v=${fb_q#*"
            {{Separator}}"}
            printf '%s\n' "${fb_q%%"
            {{Separator}}"*}"
            if [ -n "$fb_v" ]; then printf '%s\n' "$fb_v" | sed -n -e '/^fb-member [0-9]*$/p' -e {{MysqlUserResource.GrantLines}}; fi
            fi
            """;
    }
}
