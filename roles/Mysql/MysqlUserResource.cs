using FooBar.Provision.Resources;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>A MariaDB account (<c>user@host</c>) with a password and, optionally, privileges on one database.</summary>
/// <remarks>
/// Idempotent: the probe reads the SHA-256 of the stored <c>mysql_native_password</c> hash and the account's grants on
/// every database; the comparison computes the expected hash locally, so a changed password is rotated and a converged
/// account costs nothing. Grants the account holds on other targets than its database (given by hand, or left from an
/// earlier database name) are revoked. Security: the password never appears in a command line, a probe, a summary or a diff — the
/// SQL that sets it travels on the standard input of <c>mysql</c>, and the probe prints only a digest of the hash.
/// </remarks>
public sealed class MysqlUserResource : Resource, IMysqlProbe
{
    // sed: GRANT <privileges> ON <target> TO ... [WITH GRANT OPTION] -> grant <target>\t<privileges>\t<g|->.
    internal const string GrantLines = @"s/^GRANT \(.*\) ON \(.*\) TO .* WITH GRANT OPTION$/grant \2\t\1\tg/p; t; s/^GRANT \(.*\) ON \(.*\) TO .*/grant \2\t\1\t-/p";

    private readonly SecretValue _password;

    /// <summary>Creates the resource.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="host">The host part of the account (<c>localhost</c>, <c>127.0.0.1</c>, <c>10.0.0.%</c>).</param>
    /// <param name="password">The password (a secret).</param>
    /// <param name="database">The database to grant on, or null for an account without database privileges.</param>
    /// <param name="privileges">The privileges on <paramref name="database"/> (<c>ALL</c> or a list such as <c>SELECT, INSERT</c>).</param>
    public MysqlUserResource(string user, string host, SecretValue password, string? database = null, string privileges = "ALL")
    {
        ArgumentNullException.ThrowIfNull(password);
        User = MysqlSql.CheckUser(user, "user");
        Host = MysqlSql.CheckHost(host, "host");
        Database = database is null ? null : MysqlSql.CheckDatabase(database, "database");
        Privileges = MysqlSql.Privileges(privileges, "privileges");
        _password = password;
    }

    /// <summary>An account whose <paramref name="privileges"/> are global (<c>ON *.*</c>): the replication account.</summary>
    internal static MysqlUserResource Global(string user, string host, SecretValue password, string privileges) =>
        new(user, host, password, null, privileges) { _global = true };

    // True for privileges ON *.* (no database).
    private bool _global;

    /// <summary>The user name.</summary>
    public string User { get; }

    /// <summary>The host part of the account.</summary>
    public string Host { get; }

    /// <summary>The database the privileges apply to, or null.</summary>
    public string? Database { get; }

    /// <summary>The privileges on <see cref="Database"/>, normalised (<c>ALL PRIVILEGES</c>, or sorted names).</summary>
    public IReadOnlyList<string> Privileges { get; }

    /// <inheritdoc />
    public override string Kind => "mysql-user";

    /// <inheritdoc />
    public override string Name => $"{User}@{Host}";

    private string Account => MysqlSql.Account(User, Host);

    private string PrivilegeText => string.Join(", ", Privileges);

    /// <inheritdoc />
    public override ShellScript ProbeScript
    {
        get
        {
            var hash = MysqlShell.Query(((IMysqlProbe)this).ProbeSql);

            // Every grant line, on every database, reduced to "grant <target><TAB><privileges><TAB><g|->": everything from
            // " TO " on is cut on the host (the first line may carry the password hash after IDENTIFIED BY PASSWORD).
            ShellScript grants = $"mysql -N -B -r -e {"SHOW GRANTS FOR " + Account} 2>/dev/null | sed -n {GrantLines}";
            return $"state=$({hash}); printf '%s\\n' \"$state\"; case \"$state\" in 'password '*) {grants};; esac";
        }
    }

    /// <inheritdoc />
    public override SharedProbe? SharedProbe => MysqlSessionProbe.Instance;

    /// <inheritdoc />
    public override ShellScript ProbeFromShared => MysqlShell.FromShared(MysqlShell.Absent);

    string IMysqlProbe.ProbeSql => $"SELECT CONCAT('password ', IFNULL(SHA2(Password, 256), '-')) FROM mysql.user WHERE {Row}";

    string IMysqlProbe.IfEmpty => MysqlShell.Absent;

    (string Exists, string Account)? IMysqlProbe.Grants => ($"EXISTS (SELECT 1 FROM mysql.user WHERE {Row})", Account);

    // The account's row of mysql.user: what the probe reads, and what makes the shared session read its grants.
    private string Row => $"User = {MysqlSql.Literal(User)} AND Host = {MysqlSql.Literal(Host)}";

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var lines = MysqlShell.Lines(current);
        var stored = lines.FirstOrDefault(l => l.StartsWith("password ", StringComparison.Ordinal));
        var password = _password.Reveal();
        if (stored is null)
        {
            var create = $"CREATE USER IF NOT EXISTS {Account} IDENTIFIED BY {MysqlSql.Literal(password)};\nALTER USER {Account} IDENTIFIED BY {MysqlSql.Literal(password)};\n" + GrantSql();
            var on = Target is null ? "" : $" with {PrivilegeText} on {OnText}";
            return new ResourceChange(ChangeAction.Create, $"create user {Name}{on}", MysqlShell.Run(create));
        }

        var sql = new List<string>();
        var words = new List<string>();
        if (stored[9..] != MysqlSql.Digest(MysqlSql.NativePasswordHash(password)))
        {
            sql.Add($"ALTER USER {Account} IDENTIFIED BY {MysqlSql.Literal(password)};\n");
            words.Add($"rotate password of {Name}");
        }

        var grants = lines.Where(l => l.StartsWith("grant ", StringComparison.Ordinal)).Select(MysqlGrant.Parse).ToArray();
        var target = Target;
        IReadOnlyList<string> granted = MysqlSql.ShownPrivileges(grants.Where(g => g.Target == target).Select(g => g.Privileges)).Where(p => p != "USAGE").ToArray();
        if (target is not null && (!granted.SequenceEqual(Privileges) || grants.Any(g => g.Target == target && g.GrantOption)))
        {
            sql.Add(string.Concat(grants.Where(g => g.Target == target && !g.IsUsageOnly).Select(g => g.RevokeSql(Account))) + GrantSql());
            var was = (granted.Count == 0 ? "none" : string.Join(", ", granted)) + (grants.Any(g => g.Target == target && g.GrantOption) ? " WITH GRANT OPTION" : "");
            words.Add($"grant {PrivilegeText} on {OnText} to {Name} (was {was})");
        }

        // Whatever else the account holds (given by hand, or left from an earlier db_name) goes.
        foreach (var extra in grants.Where(g => g.Target != target && !g.IsUsageOnly))
        {
            sql.Add(extra.RevokeSql(Account));
            words.Add($"revoke {extra.Privileges}{(extra.GrantOption ? " WITH GRANT OPTION" : "")} on {extra.Target} from {Name}");
        }

        return sql.Count == 0 ? null : new ResourceChange(ChangeAction.Update, string.Join("; ", words), MysqlShell.Run(string.Concat(sql)));
    }

    // What the privileges are on, as SHOW GRANTS prints it; null for an account without privileges.
    private string? Target => _global ? "*.*" : Database is null ? null : MysqlSql.GrantDatabase(Database) + ".*";

    private string OnText => _global ? "*.*" : $"{Database}.*";

    private string GrantSql() => Target is { } on ? $"GRANT {PrivilegeText} ON {on} TO {Account};\n" : "";
}
