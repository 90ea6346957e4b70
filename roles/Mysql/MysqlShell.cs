using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>How the MySQL resources talk to the server: the <c>mysql</c> client as root over the unix socket.</summary>
internal static class MysqlShell
{
    /// <summary>The probe state of a host without the client (MariaDB not installed yet).</summary>
    public const string Absent = "absent";

    /// <summary>The probe state when the client is there but the server does not answer (not started yet).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A read-only probe that prints the rows of <paramref name="sql"/>, <paramref name="ifEmpty"/> when there are none,
    /// <see cref="Absent"/> without a client and <see cref="Unreachable"/> when the query fails.</summary>
    public static ShellScript Query(string sql, string ifEmpty = Absent) =>
        $"if ! command -v mysql >/dev/null 2>&1; then echo {Absent}; " +
        $"elif out=$(mysql -N -B -e {sql} 2>/dev/null); then if [ -n \"$out\" ]; then printf '%s\\n' \"$out\"; else echo {ifEmpty}; fi; " +
        $"else echo {Unreachable}\" $(mysql -N -B -e 'SELECT 1' 2>&1 </dev/null | head -n 1)\"; fi";

    /// <summary>What <see cref="Query"/> prints, from the rows a shared session got for it (<c>fb_shared</c>; see <see cref="MysqlSessionProbe"/>).</summary>
    public static ShellScript FromShared(string ifEmpty) =>
        $"if [ -n \"$fb_shared\" ]; then printf '%s\\n' \"$fb_shared\"; else echo {ifEmpty}; fi";

    /// <summary>The probe's lines; throws when the server answered but refused root (so the plan does not promise creations).</summary>
    /// <exception cref="ResourceFailedException">MariaDB denied access to root over the unix socket.</exception>
    public static IReadOnlyList<string> Lines(ProbeResult current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var lines = current.Lines;
        var first = lines.FirstOrDefault() ?? Absent;
        if (first.StartsWith(Unreachable, StringComparison.Ordinal) && first.Contains("Access denied", StringComparison.Ordinal))
        {
            throw new ResourceFailedException(
                $"MariaDB refuses root over the unix socket ({first[(Unreachable.Length + 1)..]})",
                "the role manages MariaDB as root through the unix socket (the Debian default). If root got a password, put it in /root/.my.cnf once ([client] then password=..., mode 600): the next apply restores socket-only access, then remove the file");
        }

        return lines;
    }

    /// <summary>An apply step that feeds <paramref name="sql"/> to <c>mysql</c> on stdin (never on the command line: it may hold passwords).</summary>
    public static Func<IHostConnection, CancellationToken, Task> Run(string sql, string? database = null) =>
        RemoteActions.Run(database is null ? $"mysql -N -B {Charset}" : (ShellScript)$"mysql -N -B {Charset} --database={database}", sql, TimeSpan.FromMinutes(5));

    // A password of any script reaches the server as the UTF-8 the role hashes it as, whatever the client's defaults.
    private static readonly ShellScript Charset = $"--default-character-set=utf8mb4";
}
