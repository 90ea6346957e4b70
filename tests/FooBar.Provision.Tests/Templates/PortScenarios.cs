using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Roles;
using FooBar.Provision.Templates;
using FooBar.Provision.Tests.Roles.Nginx;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Templates;

/// <summary>
/// The variable combinations the template port is proven over: every application server (gunicorn on TCP and on a unix
/// socket, php-fpm with each process manager) × TLS on/off × IPv6 on/off × the static access log on/off × systemd or
/// not, each with four sets of values (defaults; tuned numbers and short lists; long lists; hostile-but-valid text).
/// </summary>
internal static class PortScenarios
{
    public const int Count = 5 * 2 * 2 * 2 * 2 * 4;

    /// <summary>The roles whose templates were ported from Handlebars (roles added since never had Handlebars templates).</summary>
    public static readonly string[] Roles = ["base", "mysql", "app-files", "app-server", "nginx"];

    /// <summary>Every render of every scenario: the scenario's name, the template, its model and what the live engine wrote.</summary>
    public static IReadOnlyList<Render> RenderAll()
    {
        var renders = new List<Render>();
        var catalog = BuiltInRoles.Catalog();
        var inventoryDirectory = Path.Combine(Repository.Root(), "inventory");
        foreach (var (name, hostName, facts, variables) in All())
        {
            var host = new HostEntry(hostName, "192.0.2.10") { Roles = Roles, Variables = VariableSet.Empty.Merge(variables) };
            var context = new RoleContext(host, facts, catalog.VariablesFor(host), inventoryDirectory);
            TemplateRenderer.Observer.Value = (source, model, text) => renders.Add(new Render(name, source, model, text));
            try
            {
                foreach (var role in catalog.RolesOf(host))
                {
                    role.Build(context, new RoleBuilder());
                }
            }
            finally
            {
                TemplateRenderer.Observer.Value = null;
            }
        }

        return renders;
    }

    private static IEnumerable<(string Name, string Host, HostFacts Facts, Dictionary<string, object?> Variables)> All()
    {
        string[] kinds = ["gunicorn-tcp", "gunicorn-unix", "php-fpm-static", "php-fpm-dynamic", "php-fpm-ondemand"];
        foreach (var kind in kinds)
        {
            foreach (var tls in new[] { true, false })
            {
                foreach (var ipv6 in new[] { true, false })
                {
                    foreach (var staticLog in new[] { true, false })
                    {
                        foreach (var systemd in new[] { true, false })
                        {
                            foreach (var values in new[] { "defaults", "tuned", "long-lists", "hostile" })
                            {
                                var name = $"{kind}.{(tls ? "tls" : "plain")}.{(ipv6 ? "ipv6" : "ipv4")}.{(staticLog ? "static-log" : "no-static-log")}.{(systemd ? "systemd" : "sysvinit")}.{values}";
                                var variables = Values(values);
                                variables["app_server_kind"] = kind.StartsWith("gunicorn", StringComparison.Ordinal) ? "gunicorn" : "php-fpm";
                                if (kind == "gunicorn-unix")
                                {
                                    variables["app_bind"] = "unix:/run/foobar/gunicorn.sock";
                                }

                                if (kind.StartsWith("php-fpm-", StringComparison.Ordinal))
                                {
                                    variables["php_fpm_pm"] = kind["php-fpm-".Length..];
                                }

                                if (tls)
                                {
                                    variables["nginx_tls_certificate"] = TestPem.Certificate;
                                    variables["nginx_tls_key"] = new SecretValue("test", TestPem.Key);
                                }

                                variables["nginx_listen_ipv6"] = ipv6;
                                variables["nginx_static_access_log"] = staticLog;
                                var facts = values == "hostile"
                                    ? new HostFacts("debian", "12 \"bookworm\" {{ x }} \\ ü", systemd ? "systemd" : "sysvinit", "apt", "aarch64", "wéb-1")
                                    : HostFacts.Debian12 with { InitSystem = systemd ? "systemd" : "sysvinit" };
                                yield return (name, values == "hostile" ? "wéb-{{1}}-\"q\"" : "web", facts, variables);
                            }
                        }
                    }
                }
            }
        }
    }

    private static Dictionary<string, object?> Values(string set)
    {
        var values = new Dictionary<string, object?>
        {
            ["app_name"] = "foobar",
            ["domain"] = "www.foobar.com",
            ["db_password"] = new SecretValue("test", "s3cret"),
        };
        switch (set)
        {
            case "tuned":
                values["domain_aliases"] = new List<object?> { "foobar.com", "*.foobar.net" };
                values["app_workers"] = 9L;
                values["app_worker_timeout"] = 120L;
                values["app_graceful_timeout"] = 45L;
                values["php_fpm_max_children"] = 40L;
                values["php_fpm_start_servers"] = 8L;
                values["php_fpm_min_spare_servers"] = 4L;
                values["php_fpm_max_spare_servers"] = 12L;
                values["php_fpm_process_idle_timeout"] = "30s";
                values["php_fpm_max_requests"] = 0L;
                values["php_fpm_listen_owner"] = "nginx";
                values["nginx_worker_connections"] = 4096L;
                values["nginx_keepalive_timeout"] = 0L;
                values["nginx_client_max_body_size"] = "128M";
                values["nginx_static_expires"] = "max";
                values["nginx_proxy_read_timeout"] = "5m";
                values["nginx_server_names_hash_bucket_size"] = "256";
                values["nginx_extra_config"] = "add_header X-Frame-Options DENY;\n\n  gzip_static on;  \r\n";
                values["mysql_bind_address"] = "0.0.0.0";
                values["mysql_max_connections"] = 1000L;
                values["mysql_charset"] = "latin1";
                values["mysql_collation"] = "latin1_swedish_ci";
                values["mysql_innodb_buffer_pool_size"] = "1G";
                values["mysql_databases"] = new List<object?> { "reports", "audit" };
                values["mysql_users"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["name"] = "report", ["password"] = new SecretValue("test", "r"), ["database"] = "reports", ["privileges"] = "SELECT" },
                    new Dictionary<string, object?> { ["name"] = "audit", ["password"] = new SecretValue("test", "a"), ["host"] = "10.0.0.%", ["database"] = "audit" },
                    new Dictionary<string, object?> { ["name"] = "old", ["state"] = "absent" },
                };
                values["db_name"] = "shop";
                values["db_user"] = "shop";
                values["db_host"] = "/run/mysqld/mysqld.sock";
                values["db_port"] = 3307L;
                values["motd_message"] = "Tuned host.";
                break;
            case "long-lists":
                values["domain_aliases"] = Enumerable.Range(1, 40).Select(i => (object?)$"alias{i}.foobar.com").ToList();
                values["mysql_databases"] = Enumerable.Range(1, 25).Select(i => (object?)$"db_{i}").ToList();
                values["mysql_users"] = Enumerable.Range(1, 12).Select(i => (object?)new Dictionary<string, object?> { ["name"] = $"user{i}", ["password"] = new SecretValue("test", $"p{i}"), ["database"] = $"db_{i}" }).ToList();
                values["nginx_extra_config"] = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"location /r{i} {{ return 204; }}"));
                values["motd_message"] = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}"));
                break;
            case "hostile":
                values["motd_message"] = "Quotes \" and ' and `back`, a backslash \\ and \\n, {{ not a tag }} {{#if x}}{{/if}} {{{triple}}} $HOME ${x} %s\nünïcødé ✓ — 日本語 🚀\n  indented line, trailing space \n";
                values["nginx_extra_config"] = "add_header X-Test \"a \\\"quoted\\\" {{ value }}\";\nadd_header X-Unicode 'ünï ✓';\nset $x \"\\\\back\\\\slash\";\n# {{#each}} {{this}} }} {{";
                values["db_password"] = new SecretValue("test", "p\"a's\\w{{x}}ü € %20 ;#=");
                values["app_name"] = "foo_bar-2";
                values["app_user"] = "svc_foo";
                values["db_name"] = "foo_bar";
                values["db_user"] = "app-user";
                break;
        }

        return values;
    }

    /// <summary>One render: which scenario, which template (role and origin), the model it was given, and the output.</summary>
    public sealed record Render(string Scenario, TemplateSource Source, IReadOnlyDictionary<string, object?> Model, string Text);
}
