using FooBar.Provision.Roles;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Catalogue.Variables;

/// <summary>
/// Every hostile value of the issue (quotes, $(), backticks, ;, a line break inside and at the end, *, ../, 5000
/// characters, non-ASCII, empty, --help) in every declared variable of the built-in roles (and every key of
/// mysql_users' entries): refused where the rule forbids it, naming the right variable at the value's line and column,
/// through provision check and through the engine; accepted only where the table below says the variable takes it.
/// </summary>
public sealed class HostileMatrixTests
{
    public static readonly IReadOnlyDictionary<string, string> Hostile = new Dictionary<string, string>
    {
        ["quotes"] = "it's \"quoted\"",
        ["command substitution"] = "$(touch /tmp/pwned)",
        ["backticks"] = "`id`",
        ["semicolon"] = "a; reboot",
        ["line break inside"] = "127.0.0.1\nskip-networking",
        ["line break at the end"] = "foobar\n",
        ["star"] = "*",
        ["dot-dot"] = "../../etc/passwd",
        ["5000 characters"] = new string('a', 5000),
        ["non-ASCII"] = "ünïcødé",
        ["empty"] = "",
        ["--help"] = "--help",
    };

    private static readonly string[] Printable = ["quotes", "command substitution", "backticks", "semicolon", "star", "dot-dot", "non-ASCII"];

    // What each free-form variable takes; every other variable (names, paths on the host, numbers, sizes, enums…) takes none.
    private static readonly Dictionary<string, string[]> Accepts = new(StringComparer.Ordinal)
    {
        ["motd_message"] = [.. Printable, "line break inside", "line break at the end", "5000 characters", "--help"],
        ["nginx_extra_config"] = [.. Printable, "line break inside", "line break at the end", "5000 characters", "--help", "empty"],
        ["db_password"] = [.. Printable, "--help"],
        ["mysql_users[0].password"] = [.. Printable, "--help"],
        ["app_source"] = [.. Printable, "empty"],
        ["mysql_schema_file"] = [.. Printable, "empty"],
        ["nginx_tls_certificate"] = [.. Printable, "5000 characters", "empty"],
        ["nginx_tls_key"] = [.. Printable, "5000 characters", "empty"],
        ["base_service"] = ["empty"],
        ["app_exclude"] = ["star"],
        ["app_health_path"] = ["empty"],
        ["mysql_users[0].database"] = ["empty"],
        ["haproxy_tls_certificate"] = [.. Printable, "5000 characters", "empty"],
        ["haproxy_tls_key"] = [.. Printable, "5000 characters", "empty"],
        ["haproxy_backend_group"] = ["empty"],
        ["haproxy_server_address"] = ["empty"],
        ["haproxy_extra_servers[0].port"] = ["empty"],
        ["keepalived_group"] = ["empty"],
        ["keepalived_priority"] = ["empty"],
        ["keepalived_address"] = ["empty"],
        ["keepalived_track_service"] = ["empty"],
        ["keepalived_auth_pass"] = ["empty"],
        ["mysql_primary"] = ["empty"],
        ["mysql_server_id"] = ["empty"],
        ["mysql_replication_password"] = ["empty"],
    };

    // Paths on the control machine: check also requires that what they name exists.
    private static readonly string[] LocalPaths = ["app_source", "mysql_schema_file", "nginx_tls_certificate", "nginx_tls_key", "haproxy_tls_certificate", "haproxy_tls_key"];

    // The TLS pairs: one set alone is refused, so the other gets a value too.
    private static readonly Dictionary<string, string> TlsPartners = new(StringComparer.Ordinal)
    {
        ["nginx_tls_certificate"] = "nginx_tls_key",
        ["nginx_tls_key"] = "nginx_tls_certificate",
        ["haproxy_tls_certificate"] = "haproxy_tls_key",
        ["haproxy_tls_key"] = "haproxy_tls_certificate",
    };

    // Lists of mappings: each key is a case of its own, the entry's other keys given valid values.
    private static readonly Dictionary<string, (string Key, string Value)[]> Records = new(StringComparer.Ordinal)
    {
        ["mysql_users"] = [("name", "report"), ("password", "s3cret"), ("host", ""), ("database", ""), ("privileges", ""), ("state", "")],
        ["haproxy_extra_servers"] = [("name", "extra1"), ("address", "192.0.2.50"), ("port", "")],
        ["firewall_allow"] = [("port", "3306"), ("proto", ""), ("from", "")],
    };

    // Keys of those mappings that hold a list: the hostile value goes in as its first item.
    private static readonly string[] ListKeys = ["firewall_allow[0].port", "firewall_allow[0].from"];

    // Roles outside the header's five: the host gets the role that declares the variable, and what its other checks need
    // (a backend for haproxy: no inventory group here, so one extra server).
    private static readonly Dictionary<string, string[]> OtherRoles = new(StringComparer.Ordinal)
    {
        ["haproxy"] = ["haproxy_backend_group: \"\"", "haproxy_extra_servers: [{ name: extra1, address: 192.0.2.50 }]"],
        ["keepalived"] = ["keepalived_vip: 10.99.200.100/24"],
        ["firewall"] = [],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var variable in Variables())
        {
            foreach (var kind in Hostile.Keys)
            {
                data.Add(variable, kind);
            }
        }

        return data;
    }

    /// <summary>Every declared variable of the built-in roles, and each key of an entry of mysql_users.</summary>
    public static IEnumerable<string> Variables()
    {
        var names = BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).Select(d => d.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        names.RemoveAll(Records.ContainsKey);
        return names.Concat(Records.SelectMany(r => r.Value.Select(k => $"{r.Key}[0].{k.Key}")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_value_is_refused_where_its_rule_forbids_it(string variable, string kind)
    {
        var (yaml, line, column, path) = Inventory(variable, Hostile[kind]);

        var (check, engine) = await CatalogueRun.RunAsync(yaml);

        // ../../etc/passwd from the inventory's temporary directory is /etc/passwd: a file that exists (not a folder).
        var exists = kind == "dot-dot" && variable != "app_source";
        if (Accepts.TryGetValue(variable, out var accepted) && accepted.Contains(kind) && LocalPaths.Contains(variable) && kind != "empty" && !exists)
        {
            // The rule takes it; then check looks for the file on this machine (no host needed) and does not find it.
            Assert.True(check.ExitCode == 3, check.ToString());
            var missing = Assert.Single(engine);
            Assert.Equal((line, column), (missing.Location.Line, missing.Location.Column));
            Assert.StartsWith($"host 'www': variable '{variable}' names the ", missing.Message, StringComparison.Ordinal);
            // ../../etc/passwd as app_source is a file that exists, but not the folder it must be.
            var why = kind == "dot-dot" ? ", which is a regular file, not a folder; expected " : ", which does not exist on this machine; expected ";
            Assert.Contains(why, missing.Message, StringComparison.Ordinal);
            return;
        }

        if (Accepts.TryGetValue(variable, out accepted) && accepted.Contains(kind))
        {
            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.Empty(engine);
            return;
        }

        Assert.True(check.ExitCode == 3, check.ToString());
        var error = Assert.Single(engine);
        Assert.Equal(("INVENTORY", line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith($"host 'www': variable '{path}' ", error.Message, StringComparison.Ordinal);
        Assert.Contains("; expected ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("for example: ", error.Hint, StringComparison.Ordinal);
        // A value that must be a secret, written in clear, is refused for that before its rule is looked at.
        var specific = MustBeSecret(variable) && kind != "empty" ? ["is written in clear, but it must be a secret"] : Specific(kind);
        Assert.True(specific.Any(f => error.Message.Contains(f, StringComparison.Ordinal)), $"'{error.Message}' says none of: {string.Join(" | ", specific)}");
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"INVENTORY:{line}:{column}: {error.Message}\n  hint: {error.Hint}\n", check.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("provision: 1 problem found; no host was contacted.\n", check.Stderr, StringComparison.Ordinal);
    }

    // What a refusal of this kind says, whatever the rule: a pattern, a number and an enum all quote the value (escaped).
    private static string[] Specific(string kind) => kind switch
    {
        "line break inside" or "line break at the end" => ["line break", "\\n"],
        "5000 characters" => ["5000"],
        "empty" => ["is empty", "is not set"],
        "--help" => ["starts with '-'", "'--help'"],
        _ => [VariableText.Show(Hostile[kind])],
    };

    /// <summary>An inventory whose host sets <paramref name="variable"/> to <paramref name="value"/>; where the value is; the path errors name.</summary>
    internal static (string Yaml, int Line, int Column, string Path) Inventory(string variable, string value)
    {
        var lines = new List<string>();
        if (variable != "domain")
        {
            lines.Add("domain: www.foobar.com");
        }

        if (variable != "db_password")
        {
            lines.Add("db_password: s3cret");
        }

        if (variable != "mysql_schema_file")
        {
            lines.Add("mysql_schema_file: \"\"");
        }

        var record = variable.Split("[0].") is [var list, _] && Records.ContainsKey(list) ? list : null;
        var role = BuiltInRoles.All().First(r => r.VariableDeclarations.Any(d => d.Name == (record ?? variable))).Name;
        var header = CatalogueRun.HostVarsHeader;
        if (OtherRoles.TryGetValue(role, out var needs))
        {
            header = header.Replace(", nginx]", $", nginx, {role}]", StringComparison.Ordinal);
            lines.AddRange(needs.Where(n => n.Split(':')[0] != (record ?? variable)));
        }

        if (TlsPartners.TryGetValue(variable, out var partner) && value.Length > 0)
        {
            lines.Add(partner + ": \"-----BEGIN PARTNER-----\"");
        }

        string line;
        string path;
        var quoted = CatalogueRun.Quote(value);
        if (record is not null)
        {
            var key = variable[(record.Length + "[0].".Length)..];
            var listKey = ListKeys.Contains(variable);
            var entry = string.Join(", ", Records[record].Where(k => k.Key != key && k.Value.Length > 0).Select(k => $"{k.Key}: {k.Value}").Append($"{key}: {(listKey ? $"[{quoted}]" : quoted)}"));
            line = $"{record}: [{{ {entry} }}]";
            path = listKey ? variable + "[0]" : variable;
        }
        else if (IsList(variable))
        {
            line = $"{variable}: [{quoted}]";
            path = variable + "[0]";
        }
        else
        {
            line = $"{variable}: {quoted}";
            path = variable;
        }

        lines.Add(line);
        var yaml = header + string.Concat(lines.Select(l => "      " + l + "\n"));
        var column = 6 + line.LastIndexOf(quoted, StringComparison.Ordinal) + 1;
        return (yaml, CatalogueRun.FirstVarLine + lines.Count - 1, column, path);
    }

    private static bool MustBeSecret(string variable) =>
        BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).FirstOrDefault(d => d.Name == variable)?.Secret == SecretUse.Required;

    private static bool IsList(string variable) =>
        BuiltInRoles.All().SelectMany(r => r.VariableDeclarations).First(d => d.Name == variable).Default is System.Collections.IEnumerable and not string;
}
