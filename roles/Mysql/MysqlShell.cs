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
    public static string Query(string sql, string ifEmpty = Absent) =>
        $"if ! command -v mysql >/dev/null 2>&1; then echo {Absent}; " +
        $"elif out=$(mysql -N -B -e {ShellQuote.Quote(sql)} 2>/dev/null); then if [ -n \"$out\" ]; then printf '%s\\n' \"$out\"; else echo {ShellQuote.Quote(ifEmpty)}; fi; " +
        $"else echo {Unreachable}; fi";

    /// <summary>An apply step that feeds <paramref name="sql"/> to <c>mysql</c> on stdin (never on the command line: it may hold passwords).</summary>
    public static Func<IHostConnection, CancellationToken, Task> Run(string sql, string? database = null) =>
        RemoteActions.Run(database is null ? "mysql -N -B" : $"mysql -N -B {ShellQuote.Quote("--database=" + database)}", sql, TimeSpan.FromMinutes(5));
}
