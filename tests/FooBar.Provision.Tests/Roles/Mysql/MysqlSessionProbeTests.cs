using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Tests.Resources;

namespace FooBar.Provision.Tests.Roles.Mysql;

/// <summary>
/// The mysql role's probes in one batch cost two mysql sessions (every query, then the grants of the accounts found)
/// instead of one or two starts per resource, and answer exactly as each resource's own probe: in a real shell against
/// a mysql stub that answers each statement from a table, stops at the first unknown one (as mysql does), and can be
/// down or missing.
/// </summary>
public sealed class MysqlSessionProbeTests : IDisposable
{
    private const string Digest = "5d8f2a0c5b9e1c3f7a6b4d2e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a";
    private readonly ProbeShell _shell = new();
    private readonly Resource[] _resources;
    private readonly List<string> _table = [];

    public MysqlSessionProbeTests()
    {
        _shell.Stub("mysql", """
            dir=$(dirname "$0")
            if [ -f "$dir/mysql-down" ]; then echo "ERROR 2002 (HY000): Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)" >&2; exit 1; fi
            sql=
            while [ $# -gt 0 ]; do case $1 in -e) sql=$2; shift 2 ;; *) shift ;; esac; done
            printf '%s' "$sql" | awk -v table="$dir/mysql-table" '
              BEGIN { while ((getline line < table) > 0) { t = index(line, "\t"); k = substr(line, 1, t - 1); r = substr(line, t + 1); rows[k] = (k in known && rows[k] != "") ? rows[k] "\n" r : r; known[k] = 1 } RS = ";" }
              { s = $0; gsub(/^[ \n]+|[ \n]+$/, "", s); if (s == "") next
                if (s ~ /^SELECT .fb-member [0-9]+.$/) { v = s; sub(/^SELECT ./, "", v); sub(/.$/, "", v); print v; next }
                if (!(s in known)) { print "ERROR 1064 (42000) at line 1: no such statement in the table" > "/dev/stderr"; exit 1 }
                if (rows[s] != "") print rows[s] }'
            """);
        _shell.Stub("service", "exit 3");
        var gone = new Dictionary<string, object?> { ["name"] = "report", ["host"] = "127.0.0.1", ["state"] = "absent" };
        _resources = MysqlFixture.Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { gone } }).Resources.ToArray();
    }

    private IEnumerable<Resource> Sql => _resources.Where(r => r is IMysqlProbe);

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void A_converged_server_costs_two_mysql_starts_instead_of_seven_and_answers_as_alone(string shell)
    {
        _shell.Shell = shell;
        Converged();
        var probes = Sql.ToArray();

        var alone = _shell.Alone(probes);
        Assert.Equal(7, _shell.Calls.Count);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Equal(2, _shell.Calls.Count);
        Assert.Equal("password " + Digest + "\ngrant *.*\tUSAGE\t-\ngrant `foobar`.*\tALL PRIVILEGES\t-\n", batched[2].Output);
        Assert.Contains("gone\n", batched.Select(b => b.Output));
    }

    [Fact]
    public void The_whole_role_in_one_batch_answers_as_alone()
    {
        Converged();
        var role = _resources.Where(r => r is not AptPackages).ToArray(); // its probe prints the cache's age in seconds

        var alone = _shell.Alone(role);
        _shell.ClearCalls();
        var batched = _shell.Batched(role);

        Assert.Equal(alone.Select(a => a.Output), batched.Select(b => b.Output));
        Assert.Equal(2, _shell.Calls.Count(c => c.StartsWith("mysql ", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_account_that_does_not_exist_gets_no_grants_query_and_none_at_all_means_one_session()
    {
        Converged(localhostExists: false);
        var probes = Sql.ToArray();
        var alone = _shell.Alone(probes);
        _shell.ClearCalls();
        Assert.Equal(alone, _shell.Batched(probes));
        Assert.Equal(2, _shell.Calls.Count);
        Assert.DoesNotContain("'foobar'@'localhost'", _shell.Calls[1], StringComparison.Ordinal);

        Converged(localhostExists: false, loopbackExists: false);
        alone = _shell.Alone(probes);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);
        Assert.Equal(alone, batched);
        Assert.Single(_shell.Calls);
        Assert.Equal(2, batched.Count(b => b.Output == "absent\n"));
    }

    [Fact]
    public void A_query_the_server_refuses_makes_every_resource_ask_alone_and_report_as_alone()
    {
        Converged();
        _table.RemoveAll(l => l.StartsWith("SELECT 'present' FROM information_schema", StringComparison.Ordinal));
        Write();
        var probes = Sql.ToArray();

        var alone = _shell.Alone(probes);
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Contains("unreachable ERROR 1064 (42000) at line 1: no such statement in the table\n", batched.Select(b => b.Output));
    }

    [Fact]
    public void A_server_that_is_down_and_a_host_without_the_client_answer_as_alone()
    {
        Converged();
        File.WriteAllText(Path.Combine(_shell.Bin, "mysql-down"), "");
        var probes = Sql.ToArray();
        var alone = _shell.Alone(probes);
        var batched = _shell.Batched(probes);
        Assert.Equal(alone, batched);
        Assert.All(batched, b => Assert.StartsWith("unreachable ERROR 2002 (HY000)", b.Output, StringComparison.Ordinal));

        File.Delete(Path.Combine(_shell.Bin, "mysql"));
        alone = _shell.Alone(probes);
        batched = _shell.Batched(probes);
        Assert.Equal(alone, batched);
        Assert.All(batched, b => Assert.Equal("absent\n", b.Output));
    }

    public void Dispose() => _shell.Dispose();

    // The answers of a converged server: secure, the database there, both db_user accounts with ALL on it, no report account.
    private void Converged(bool localhostExists = true, bool loopbackExists = true)
    {
        _table.Clear();
        foreach (var probe in Sql.Cast<IMysqlProbe>())
        {
            var statements = probe.ProbeSql.Split("; ");
            foreach (var statement in statements)
            {
                var row = statement switch
                {
                    _ when statement.StartsWith("SELECT CONCAT('", StringComparison.Ordinal) && !statement.StartsWith("SELECT CONCAT('password ", StringComparison.Ordinal) => statement[15..statement.IndexOf(' ', 15)] + " 0",
                    _ when statement.Contains("information_schema", StringComparison.Ordinal) => "present",
                    _ when statement.Contains("'localhost'", StringComparison.Ordinal) => localhostExists ? "password " + Digest : "",
                    _ when statement.Contains("'127.0.0.1'", StringComparison.Ordinal) && statement.Contains("'foobar'", StringComparison.Ordinal) => loopbackExists ? "password " + Digest : "",
                    _ => "",
                };
                _table.Add(statement + "\t" + row);
            }

            if (probe.GrantsAccount is { } account)
            {
                var shown = account.Replace('\'', '`');
                _table.Add($"SHOW GRANTS FOR {account}\tGRANT USAGE ON *.* TO {shown} IDENTIFIED BY PASSWORD '*0123456789ABCDEF0123456789ABCDEF01234567'");
                _table.Add($"SHOW GRANTS FOR {account}\tGRANT ALL PRIVILEGES ON `foobar`.* TO {shown}");
            }
        }

        Write();
    }

    private void Write() => File.WriteAllLines(Path.Combine(_shell.Bin, "mysql-table"), _table);
}
