namespace FooBar.Provision.Tests.Catalogue.Variables;

/// <summary>
/// The issue's own examples and one case of each other kind of bad value, each with its exact message and location,
/// through provision check and through the engine's validation.
/// </summary>
public sealed class NamedCaseTests
{
    // Id, the host's vars (YAML lines; the bad value is on the last), --var arguments, where, the message after "host 'www': ".
    public static TheoryData<string, string[], string[], string, string> Cases() => new()
    {
        { "mysql_bind_address with a second directive", ["mysql_bind_address: \"127.0.0.1\\nskip-networking\""], [], "9:27", "variable 'mysql_bind_address' holds a line break; expected an IP address or a host name (letters, digits, '-' and dots)" },
        { "innodb buffer pool size with a second directive", ["mysql_innodb_buffer_pool_size: \"128M\\nskip-networking\""], [], "9:38", "variable 'mysql_innodb_buffer_pool_size' holds a line break; expected a size: digits with an optional unit k, m or g (10m, 128M)" },
        { "app_name ending in a line break", ["app_name: \"foobar\\n\""], [], "9:17", "variable 'app_name' ends with a line break; expected a lowercase name: a letter or _, then lowercase letters, digits, _ or -, at most 32 characters" },
        { "base_packages with cron-", ["base_packages: [tree, cron-]"], [], "9:29", "variable 'base_packages[1]' ends with '-', which apt-get reads as 'remove this package'; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +" },
        { "base_packages with an apt option", ["base_packages: [\"-oAPT::Get::AllowUnauthenticated=1\"]"], [], "9:23", "variable 'base_packages[0]' starts with '-', which a command would read as an option; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +" },
        { "base_packages with a version pin", ["base_packages: [\"nginx=1.22\"]"], [], "9:23", "variable 'base_packages[0]' is 'nginx=1.22'; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +" },
        { "base_packages one letter", ["base_packages: [x]"], [], "9:23", "variable 'base_packages[0]' is 'x'; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +" },
        { "base_directory_mode abc on the command line", [], ["base_directory_mode=abc"], "--var base_directory_mode", "variable 'base_directory_mode' is 'abc'; expected a file mode in octal, 3 or 4 digits 0-7 (0755)" },
        { "base_directory_mode with an 8", ["base_directory_mode: \"0789\""], [], "9:28", "variable 'base_directory_mode' is '0789'; expected a file mode in octal, 3 or 4 digits 0-7 (0755)" },
        { "base_directory escaping with ..", ["base_directory: /srv/../etc"], [], "9:23", "variable 'base_directory' has a '.' or '..' segment; expected an absolute path on the host: /, then names of letters, digits and . _ - + @ , = ~ (no spaces, no '..')" },
        { "motd_path relative", ["motd_path: etc/motd"], [], "9:18", "variable 'motd_path' is 'etc/motd'; expected an absolute path on the host: /, then names of letters, digits and . _ - + @ , = ~ (no spaces, no '..')" },
        { "app_workers zero on the command line", [], ["app_workers=0"], "--var app_workers", "variable 'app_workers' is 0, outside 1 to 1024; expected a whole number from 1 to 1024" },
        { "app_workers a list", ["app_workers: [1, 2]"], [], "9:20", "variable 'app_workers' is a list; expected a whole number from 1 to 1024" },
        { "db_port zero", ["db_port: 0"], [], "9:16", "variable 'db_port' is 0, outside 1 to 65535; expected a TCP port, 1 to 65535" },
        { "db_port too big", ["db_port: 65536"], [], "9:16", "variable 'db_port' is 65536, outside 1 to 65535; expected a TCP port, 1 to 65535" },
        { "db_port words", ["db_port: three thousand"], [], "9:16", "variable 'db_port' is 'three thousand', not a whole number; expected a TCP port, 1 to 65535" },
        { "nginx_worker_connections lots", ["nginx_worker_connections: lots"], [], "9:33", "variable 'nginx_worker_connections' is 'lots', not a whole number; expected a whole number from 16 to 1000000" },
        { "app_server_kind uwsgi", ["app_server_kind: uwsgi"], [], "9:24", "variable 'app_server_kind' is 'uwsgi'; expected one of gunicorn, php-fpm" },
        { "app_bind with a gunicorn option", ["app_bind: \"127.0.0.1:8000 --reload\""], [], "9:17", "variable 'app_bind' is '127.0.0.1:8000 --reload'; expected host:port (127.0.0.1:8000, [::1]:8000) or unix:/absolute/path.sock" },
        { "app_bind port 0", ["app_bind: \"127.0.0.1:0\""], [], "9:17", "variable 'app_bind' is '127.0.0.1:0'; expected host:port (127.0.0.1:8000, [::1]:8000) or unix:/absolute/path.sock" },
        { "app_bind unix socket escaping", ["app_bind: unix:/run/../etc/x.sock"], [], "9:17", "variable 'app_bind' is 'unix:/run/../etc/x.sock'; expected host:port (127.0.0.1:8000, [::1]:8000) or unix:/absolute/path.sock" },
        { "domain with a second directive", ["domain: \"www.foobar.com; include /etc/shadow\""], [], "9:15", "variable 'domain' is 'www.foobar.com; include /etc/shadow'; expected a domain name: labels of letters, digits and '-' separated by dots" },
        { "domain label of 64 characters", ["domain: " + new string('a', 64) + ".com"], [], "9:15", "variable 'domain' is '" + new string('a', 60) + "'… (68 characters); expected a domain name: labels of letters, digits and '-' separated by dots" },
        { "domain a mapping", ["domain: { name: www.foobar.com }"], [], "9:15", "variable 'domain' is a mapping; expected a domain name: labels of letters, digits and '-' separated by dots" },
        { "domain_aliases with a space", ["domain_aliases: [\"a.com b.com\"]"], [], "9:24", "variable 'domain_aliases[0]' is 'a.com b.com'; expected a domain name (labels of letters, digits and '-' separated by dots), optionally starting with *." },
        { "domain_aliases on the command line", [], ["domain_aliases=a.com,-b.com"], "--var domain_aliases", "variable 'domain_aliases[1]' starts with '-', which a command would read as an option; expected a domain name (labels of letters, digits and '-' separated by dots), optionally starting with *." },
        { "nginx_listen_ipv6 maybe", [], ["nginx_listen_ipv6=maybe"], "--var nginx_listen_ipv6", "variable 'nginx_listen_ipv6' is 'maybe'; expected true or false" },
        { "nginx_client_max_body_size with a directive", ["nginx_client_max_body_size: \"10m; autoindex on\""], [], "9:35", "variable 'nginx_client_max_body_size' is '10m; autoindex on'; expected a size: digits with an optional unit k, m or g (10m, 128M)" },
        { "nginx_static_expires with a semicolon", ["nginx_static_expires: \"7d;\""], [], "9:29", "variable 'nginx_static_expires' is '7d;'; expected an nginx expires value: off, epoch, max, or digits with a unit ms s m h d w M y (7d)" },
        { "nginx_proxy_read_timeout forever", ["nginx_proxy_read_timeout: forever"], [], "9:33", "variable 'nginx_proxy_read_timeout' is 'forever'; expected a duration: digits and an optional unit (ms, s, m, h, d)" },
        { "hash bucket size not a power of two", ["nginx_server_names_hash_bucket_size: 100"], [], "9:44", "variable 'nginx_server_names_hash_bucket_size' is '100'; expected one of auto, or a power of two from 32 to 4096" },
        { "half a TLS configuration", ["nginx_tls_certificate: \"-----BEGIN CERTIFICATE-----\""], [], "9:30", "variable 'nginx_tls_certificate' is set but nginx_tls_key is not: TLS needs both, or neither; expected nginx_tls_key as well" },
        { "php_fpm_pm adaptive", ["php_fpm_pm: adaptive"], [], "9:19", "variable 'php_fpm_pm' is 'adaptive'; expected one of static, dynamic, ondemand" },
        { "php_fpm_process_idle_timeout with a pool directive", ["php_fpm_process_idle_timeout: \"10s\\nuser = root\""], [], "9:37", "variable 'php_fpm_process_idle_timeout' holds a line break; expected a duration: digits and an optional unit (s, m, h, d)" },
        { "php_version with a command", ["php_version: \"8.2; rm -rf /\""], [], "9:20", "variable 'php_version' is '8.2; rm -rf /'; expected a PHP version: digits.digits (8.2)" },
        { "app_wsgi with a gunicorn option", ["app_wsgi: \"app:application --preload\""], [], "9:17", "variable 'app_wsgi' is 'app:application --preload'; expected module:callable, Python names (foobar_app:application)" },
        { "app_health_path without a slash", ["app_health_path: health"], [], "9:24", "variable 'app_health_path' is 'health'; expected a URL path: /, then letters, digits and / . _ ~ = & % + - (an optional ?query)" },
        { "app_user with a command", ["app_user: \"root;reboot\""], [], "9:17", "variable 'app_user' is 'root;reboot'; expected a lowercase name: a letter or _, then lowercase letters, digits, _ or -, at most 32 characters" },
        { "app_name as a secret", ["app_name: { file: /etc/os-release }"], [], "9:17", "variable 'app_name' is a secret, but its value shows in names, paths and reports; expected a lowercase name: a letter or _, then lowercase letters, digits, _ or -, at most 32 characters" },
        { "releases_keep zero", ["releases_keep: 0"], [], "9:22", "variable 'releases_keep' is 0, outside 1 to 10000; expected a whole number from 1 to 10000" },
        { "app_exclude with a slash", ["app_exclude: [\"a/b\"]"], [], "9:21", "variable 'app_exclude[0]' is 'a/b'; expected a file name or pattern: letters, digits and . _ - * ? (no /)" },
        { "app_source with a NUL", ["app_source: \"app\\0x\""], [], "9:19", "variable 'app_source' holds a control character (U+0000); expected a path on this machine (one line; relative paths start at the inventory's directory)" },
        { "mysql_schema_file with a NUL", ["mysql_schema_file: \"a\\0.sql\""], [], "9:26", "variable 'mysql_schema_file' holds a control character (U+0000); expected a path on this machine (one line; relative paths start at the inventory's directory)" },
        { "TLS certificate path with a NUL", ["nginx_tls_key: \"a.key\"", "nginx_tls_certificate: \"a\\0.crt\""], [], "10:30", "variable 'nginx_tls_certificate' holds a control character (U+0000); expected PEM text (-----BEGIN ...) or the path of a PEM file on this machine" },
        { "db_password with a line break", ["db_password: \"s3cret\\nbind-address=0.0.0.0\""], [], "9:20", "variable 'db_password' holds a line break; expected one line of text (no line break or control character), at most 1000 characters" },
        { "db_host with a space", ["db_host: \"db host\""], [], "9:16", "variable 'db_host' is 'db host'; expected an IP address or a host name (letters, digits, '-' and dots), or an absolute path on the host: /, then names of letters, digits and . _ - + @ , = ~ (no spaces, no '..')" },
        { "mysql_charset with SQL", ["mysql_charset: \"utf8; DROP DATABASE foobar\""], [], "9:22", "variable 'mysql_charset' is 'utf8; DROP DATABASE foobar'; expected letters, digits and _, at most 64 characters (utf8mb4, utf8mb4_unicode_ci)" },
        { "mysql_databases with a backtick", ["mysql_databases: [\"a`b\"]"], [], "9:25", "variable 'mysql_databases[0]' is 'a`b'; expected a database name: letters, digits, _ $ and -, at most 64 characters" },
        { "mysql_packages with a trailing +", ["mysql_packages: [mariadb-server+]"], [], "9:24", "variable 'mysql_packages[0]' ends with '+', which apt-get reads as an action, not a name; expected a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +" },
        { "mysql_users key misspelt", ["mysql_users: [{ name: report, pasword: x }]"], [], "9:46", "variable 'mysql_users[0].pasword' is not a key of this mapping (did you mean 'password'?); expected one of the keys name, password, host, database, privileges, state" },
        { "mysql_users root", ["mysql_users: [{ name: root, password: x }]"], [], "9:29", "variable 'mysql_users[0].name' is root, which the role manages itself (unix socket only); expected a user name other than root" },
        { "mysql_users db_user again", ["mysql_users: [{ name: foobar, password: x }]"], [], "9:21", "variable 'mysql_users[0]' declares the account foobar@localhost a second time (db_user@localhost and db_user@127.0.0.1 come from db_user); expected each user@host once" },
        { "mysql_users without a password", ["mysql_users: [{ name: report }]"], [], "9:21", "variable 'mysql_users[0].password' is not set (an account that is present needs one); expected a secret: { env: NAME } or { file: PATH }" },
        { "mysql_users state gone", ["mysql_users: [{ name: report, password: x, state: gone }]"], [], "9:57", "variable 'mysql_users[0].state' is 'gone'; expected one of present, absent" },
        { "mysql_users privileges with SQL", ["mysql_users: [{ name: report, password: x, privileges: \"SELECT; DROP\" }]"], [], "9:62", "variable 'mysql_users[0].privileges' is 'SELECT; DROP'; expected ALL, or privileges separated by commas (SELECT, INSERT, UPDATE, DELETE)" },
        { "mysql_users host with a quote", ["mysql_users: [{ name: report, password: x, host: \"10.0.0.%'\" }]"], [], "9:56", "variable 'mysql_users[0].host' is '10.0.0.%\\''; expected an account host: a host name, an IP address or a pattern with % (letters, digits, . : _ - %)" },
        { "a schema file that is not there", ["mysql_schema_file: schema/missing.sql"], [], "9:26", "variable 'mysql_schema_file' names the file INVENTORY_DIR/schema/missing.sql, which does not exist on this machine; expected a path on this machine (one line; relative paths start at the inventory's directory), an existing regular file you can read" },
        { "an app source folder that is not there", [], ["app_source=no-such-app"], "--var app_source", "variable 'app_source' names the folder INVENTORY_DIR/no-such-app, which does not exist on this machine; expected a path on this machine (one line; relative paths start at the inventory's directory), an existing folder" },
        { "a terminal escape in a value", ["app_name: \"foo\\e[2Jbar\""], [], "9:17", "variable 'app_name' holds a control character (U+001B); expected a lowercase name: a letter or _, then lowercase letters, digits, _ or -, at most 32 characters" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_value_gets_its_message_at_its_location(string id, string[] lines, string[] vars, string where, string message)
    {
        Assert.NotEmpty(id);
        string[] defaults = ["domain: www.foobar.com", "db_password: s3cret", "mysql_schema_file: \"\""];
        var own = defaults.Where(d => !lines.Any(l => l.StartsWith(d.Split(':')[0] + ":", StringComparison.Ordinal))).ToList();
        own.AddRange(Enumerable.Repeat("app_name: foobar", 3 - own.Count).Where(_ => !lines.Any(l => l.StartsWith("app_name:", StringComparison.Ordinal))));
        var yaml = CatalogueRun.HostVarsHeader + string.Concat(own.Concat(lines).Select(l => $"      {l}\n"));

        var (check, engine) = await CatalogueRun.RunAsync(yaml, vars);

        Assert.True(check.ExitCode == 3, check.ToString());
        var error = Assert.Single(engine);
        var location = error.Location.Line == 0 ? error.Location.File : $"{error.Location.Line}:{error.Location.Column}";
        Assert.Equal((where, "host 'www': " + message), (location, error.Message));
        Assert.StartsWith("for example: ", error.Hint, StringComparison.Ordinal);
        var shown = where.StartsWith("--var", StringComparison.Ordinal) ? where : $"INVENTORY:{where}";
        Assert.Contains($"{shown}: host 'www': {message}\n  hint: for example: ", check.Stderr, StringComparison.Ordinal);
    }
}
