namespace FooBar.Provision.Roles.Mysql;

/// <summary>A MySQL resource whose probe is one query (and, for an account, its grants): what one shared session runs for it.</summary>
internal interface IMysqlProbe
{
    /// <summary>The probe's query: its rows are the probe's answer (<c>mysql -N -B</c>).</summary>
    string ProbeSql { get; }

    /// <summary>What the probe prints when the query returns no row.</summary>
    string IfEmpty { get; }

    /// <summary>
    /// For an account: an SQL condition that holds when the account exists (<see cref="ProbeSql"/> then finds its row), and
    /// the account (<c>'user'@'host'</c>) whose <c>SHOW GRANTS</c> lines follow the query's rows when it holds; else null.
    /// </summary>
    (string Exists, string Account)? Grants { get; }
}
