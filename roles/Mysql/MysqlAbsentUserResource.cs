using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>A MariaDB account (<c>user@host</c>) that must not exist: an entry of <c>mysql_users</c> with <c>state: absent</c>.</summary>
/// <remarks>Idempotent: the probe looks the account up in <c>mysql.user</c>; an existing one is dropped with its grants.</remarks>
public sealed class MysqlAbsentUserResource : Resource, IMysqlProbe
{
    private const string Gone = "gone";

    /// <summary>Creates the resource.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="host">The host part of the account.</param>
    public MysqlAbsentUserResource(string user, string host)
    {
        User = MysqlSql.CheckUser(user, "user");
        Host = MysqlSql.CheckHost(host, "host");
    }

    /// <summary>The user name.</summary>
    public string User { get; }

    /// <summary>The host part of the account.</summary>
    public string Host { get; }

    /// <inheritdoc />
    public override string Kind => "mysql-user";

    /// <inheritdoc />
    public override string Name => $"{User}@{Host}";

    /// <inheritdoc />
    public override ShellScript ProbeScript => MysqlShell.Query(((IMysqlProbe)this).ProbeSql, ifEmpty: Gone);

    /// <inheritdoc />
    public override SharedProbe? SharedProbe => MysqlSessionProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => MysqlShell.FromShared(Gone);

    string IMysqlProbe.ProbeSql => $"SELECT 'present' FROM mysql.user WHERE User = {MysqlSql.Literal(User)} AND Host = {MysqlSql.Literal(Host)}";

    string IMysqlProbe.IfEmpty => Gone;

    (string Exists, string Account)? IMysqlProbe.Grants => null;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = MysqlShell.Lines(current).FirstOrDefault() ?? MysqlShell.Absent;
        if (state != "present" && !state.StartsWith(MysqlShell.Unreachable, StringComparison.Ordinal))
        {
            // Gone, or no MariaDB at all (then there is no account either).
            return null;
        }

        return state == "present"
            ? new ResourceChange(ChangeAction.Delete, $"drop user {Name}", MysqlShell.Run($"DROP USER IF EXISTS {MysqlSql.Account(User, Host)};\n"))
            : new ResourceChange(ChangeAction.Delete, $"drop user {Name} (if it exists: MariaDB is not running yet)", MysqlShell.Run($"DROP USER IF EXISTS {MysqlSql.Account(User, Host)};\n"));
    }
}
