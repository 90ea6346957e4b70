using FooBar.Provision.Resources;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Tests.Resources;

namespace FooBar.Provision.Tests.Roles.Mysql;

/// <summary>
/// The mysql role's probes in one batch cost one mysql session (every query, then the grants of the accounts that exist)
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
        // Statements before a `delimiter ;;` line run one by one; after it, a BEGIN NOT ATOMIC block of
        // "IF EXISTS (Q) THEN SELECT 'H'; SHOW GRANTS FOR A; END IF;" lines runs Q and, when it has rows, H and A.
        _shell.Stub("mysql", """
            dir=$(dirname "$0")
            if [ -f "$dir/mysql-down" ]; then echo "ERROR 2002 (HY000): Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)" >&2; exit 1; fi
            sql=
            while [ $# -gt 0 ]; do case $1 in -e) sql=$2; shift 2 ;; *) shift ;; esac; done
            printf '%s\n' "$sql" | awk -v table="$dir/mysql-table" '
              function run(s) { gsub(/^[ \n]+|[ \n]+$/, "", s); if (s == "") return 1
                if (s ~ /^SELECT .fb-(member [0-9]+|grants).$/) { v = s; sub(/^SELECT ./, "", v); sub(/.$/, "", v); print v; return 1 }
                if (!(s in known)) { print "ERROR 1064 (42000) at line 1: no such statement in the table" > "/dev/stderr"; return 0 }
                if (rows[s] != "") print rows[s]
                return 1 }
              BEGIN { while ((getline line < table) > 0) { t = index(line, "\t"); k = substr(line, 1, t - 1); r = substr(line, t + 1); rows[k] = (k in known && rows[k] != "") ? rows[k] "\n" r : r; known[k] = 1 } }
              $0 == "delimiter ;;" { block = 1; next }
              !block { n = split($0, part, ";"); for (i = 1; i <= n; i++) if (!run(part[i])) exit 1; next }
              /^IF EXISTS \(/ { q = $0; sub(/^IF EXISTS \(/, "", q); sub(/\) THEN SELECT .*/, "", q)
                h = $0; sub(/^.* THEN /, "", h); sub(/; SHOW GRANTS.*/, "", h)
                g = $0; sub(/^.*; SHOW GRANTS/, "SHOW GRANTS", g); sub(/; END IF;$/, "", g)
                if (!(q in known)) { print "ERROR 1064 (42000) at line 1: no such statement in the table" > "/dev/stderr"; exit 1 }
                if (rows[q] != "" && !(run(h) && run(g))) exit 1 }'
            """);
        _shell.Stub("service", "exit 3");
        var gone = new Dictionary<string, object?> { ["name"] = "report", ["host"] = "127.0.0.1", ["state"] = "absent" };
        _resources = MysqlFixture.Build(new Dictionary<string, object?> { ["mysql_users"] = new List<object?> { gone } }).Resources.ToArray();
    }

    private IEnumerable<Resource> Sql => _resources.Where(r => r is IMysqlProbe);

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public void A_converged_server_costs_one_mysql_start_instead_of_seven_and_answers_as_alone(string shell)
    {
        _shell.Shell = shell;
        Converged();
        var probes = Sql.ToArray();

        var alone = _shell.Alone(probes);
        Assert.Equal(7, _shell.Calls.Count);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Single(_shell.Calls);
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
        Assert.Single(_shell.Calls, c => c.StartsWith("mysql ", StringComparison.Ordinal));
    }

    /// <summary>Every state of an account's grants that the role compares: one session, and each answer as alone.</summary>
    [Theory]
    [InlineData("/bin/sh", "none")]
    [InlineData("/bin/sh", "partial")]
    [InlineData("/bin/sh", "grant option")]
    [InlineData("/bin/sh", "other database")]
    [InlineData("/bin/sh", "no password")]
    [InlineData("/bin/bash", "none")]
    [InlineData("/bin/bash", "grant option")]
    [InlineData("/bin/bash", "no password")]
    public void Every_state_of_an_accounts_grants_costs_one_session_and_answers_as_alone(string shell, string state)
    {
        _shell.Shell = shell;
        Converged(grants: state switch
        {
            "none" => [],
            "partial" => ["GRANT SELECT, INSERT ON `foobar`.* TO `foobar`@`localhost`"],
            "grant option" => ["GRANT ALL PRIVILEGES ON `foobar`.* TO `foobar`@`localhost` WITH GRANT OPTION"],
            "other database" => ["GRANT ALL PRIVILEGES ON `foobar`.* TO `foobar`@`localhost`", "GRANT SELECT ON `old\\_db`.* TO `foobar`@`localhost`", "GRANT EXECUTE ON PROCEDURE `foobar`.`p` TO `foobar`@`localhost`"],
            _ => ["GRANT ALL PRIVILEGES ON `foobar`.* TO `foobar`@`localhost`"],
        }, localhostHash: state == "no password" ? "-" : Digest);
        var probes = Sql.ToArray();

        var alone = _shell.Alone(probes);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Single(_shell.Calls);
        Assert.StartsWith("password " + (state == "no password" ? "-" : Digest) + "\ngrant *.*\tUSAGE\t-\n", batched[2].Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_that_does_not_exist_gets_no_grants_query_and_the_session_stays_one()
    {
        // Its SHOW GRANTS is not in the table, as it fails on a server: the gather must not run it.
        Converged(localhostExists: false);
        var probes = Sql.ToArray();
        var alone = _shell.Alone(probes);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);
        Assert.Equal(alone, batched);
        Assert.Single(_shell.Calls);
        Assert.Equal("absent\n", batched[2].Output);

        Converged(localhostExists: false, loopbackExists: false);
        alone = _shell.Alone(probes);
        _shell.ClearCalls();
        batched = _shell.Batched(probes);
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
    public void A_grants_query_that_fails_after_the_account_was_found_makes_every_resource_ask_alone()
    {
        // The account exists for the query, but its SHOW GRANTS fails (dropped in between): the session vouches for nothing.
        Converged();
        _table.RemoveAll(l => l.StartsWith("SHOW GRANTS FOR 'foobar'@'localhost'", StringComparison.Ordinal));
        Write();
        var probes = Sql.ToArray();

        var alone = _shell.Alone(probes);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Equal("password " + Digest + "\n", batched[2].Output);
        Assert.Equal(8, _shell.Calls.Count);
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

    [Fact]
    public void Without_accounts_the_session_reads_no_grants()
    {
        Converged();
        var probes = Sql.Where(r => r is not MysqlUserResource).ToArray();

        var alone = _shell.Alone(probes);
        _shell.ClearCalls();
        var batched = _shell.Batched(probes);

        Assert.Equal(alone, batched);
        Assert.Single(_shell.Calls);
        Assert.DoesNotContain("SHOW GRANTS", _shell.Calls[0], StringComparison.Ordinal);
    }

    public void Dispose() => _shell.Dispose();

    // The answers of a server: secure, the database there, both db_user accounts (foobar@localhost with grants, by
    // default ALL on foobar; foobar@127.0.0.1 with ALL on foobar), no report account. A missing account has no SHOW GRANTS
    // entry: on a server it fails.
    private void Converged(bool localhostExists = true, bool loopbackExists = true, string[]? grants = null, string localhostHash = Digest)
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
                    _ when statement.Contains("'localhost'", StringComparison.Ordinal) => localhostExists ? "password " + localhostHash : "",
                    _ when statement.Contains("'127.0.0.1'", StringComparison.Ordinal) && statement.Contains("'foobar'", StringComparison.Ordinal) => loopbackExists ? "password " + Digest : "",
                    _ => "",
                };
                _table.Add(statement + "\t" + row);
            }

            if (probe.Grants is { } shown)
            {
                var exists = shown.Account.Contains("'localhost'", StringComparison.Ordinal) ? localhostExists : loopbackExists;
                _table.Add(shown.Exists["EXISTS (".Length..^1] + "\t" + (exists ? "1" : ""));
                if (!exists)
                {
                    continue;
                }

                var to = shown.Account.Replace('\'', '`');
                _table.Add($"SHOW GRANTS FOR {shown.Account}\tGRANT USAGE ON *.* TO {to} IDENTIFIED BY PASSWORD '*0123456789ABCDEF0123456789ABCDEF01234567'");
                foreach (var grant in shown.Account.Contains("'localhost'", StringComparison.Ordinal) && grants is not null ? grants : ["GRANT ALL PRIVILEGES ON `foobar`.* TO `foobar`@`localhost`"])
                {
                    _table.Add($"SHOW GRANTS FOR {shown.Account}\t{grant.Replace("`foobar`@`localhost`", to, StringComparison.Ordinal)}");
                }
            }
        }

        Write();
    }

    private void Write() => File.WriteAllLines(Path.Combine(_shell.Bin, "mysql-table"), _table);
}
