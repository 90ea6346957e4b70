using System.Text.RegularExpressions;
using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>Every variable of the app-server role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static partial class AppServerVariables
{
    public static VariableDeclaration Wsgi { get; } = new("app_wsgi", Matching(WsgiPattern(), "module:callable, Python names (foobar_app:application)", "foobar_app:application"), "gunicorn: the WSGI callable, imported from /srv/<app_name>/current") { Default = "foobar_app:application" };

    public static VariableDeclaration Workers { get; } = new("app_workers", WholeNumber(1, 1024), "gunicorn --workers") { Default = 2L };

    public static VariableDeclaration WorkerTimeout { get; } = new("app_worker_timeout", WholeNumber(1, 86400), "gunicorn --timeout: seconds before a silent worker is killed") { Default = 30L };

    public static VariableDeclaration GracefulTimeout { get; } = new("app_graceful_timeout", WholeNumber(1, 86400), "gunicorn --graceful-timeout: seconds old workers get to finish after a reload") { Default = 30L };

    public static VariableDeclaration PhpVersion { get; } = new("php_version", Matching(VersionPattern(), "a PHP version: digits.digits (8.2)", "\"8.2\""), "php-fpm: Debian's PHP version: packages php<version>-fpm and php<version>-mysql") { Default = "8.2" };

    public static VariableDeclaration ListenOwner { get; } = new("php_fpm_listen_owner", Name, "php-fpm: owner and group of the pool's socket (the web server's user)") { Default = "www-data" };

    public static VariableDeclaration ProcessManager { get; } = new("php_fpm_pm", VariableRules.Enum("static", "dynamic", "ondemand"), "php-fpm: the process manager (pm)") { Default = "dynamic" };

    public static VariableDeclaration MaxChildren { get; } = new("php_fpm_max_children", WholeNumber(1, 10000), "php-fpm: pm.max_children") { Default = 5L };

    public static VariableDeclaration StartServers { get; } = new("php_fpm_start_servers", WholeNumber(1, 10000), "php-fpm: pm.start_servers (dynamic only)") { Default = 2L };

    public static VariableDeclaration MinSpareServers { get; } = new("php_fpm_min_spare_servers", WholeNumber(1, 10000), "php-fpm: pm.min_spare_servers (dynamic only)") { Default = 1L };

    public static VariableDeclaration MaxSpareServers { get; } = new("php_fpm_max_spare_servers", WholeNumber(1, 10000), "php-fpm: pm.max_spare_servers (dynamic only)") { Default = 3L };

    public static VariableDeclaration ProcessIdleTimeout { get; } = new("php_fpm_process_idle_timeout", Duration("", "s", "m", "h", "d"), "php-fpm: pm.process_idle_timeout (ondemand only)") { Default = "10s" };

    public static VariableDeclaration MaxRequests { get; } = new("php_fpm_max_requests", WholeNumber(0, 1_000_000), "php-fpm: a worker is recycled after this many requests (0: never)") { Default = 500L };

    public static VariableDeclaration HealthPath { get; } = new("app_health_path", Matching(HealthPathPattern(), "a URL path: /, then letters, digits and / . _ ~ = & % + - (an optional ?query)", "/health"), "after a release switch, reload or restart, this path must answer below 400 twice in a row (gunicorn: on app_bind; php-fpm: FastCGI on the pool's socket); \"\" for no check")
    {
        Default = "/health",
        Optional = true,
    };

    public static VariableDeclaration HealthRetries { get; } = new("app_health_retries", WholeNumber(1, 600), "health check: attempts before it fails (the deploy is then rolled back)") { Default = 15L };

    public static VariableDeclaration HealthInterval { get; } = new("app_health_interval", WholeNumber(1, 60), "health check: seconds between attempts") { Default = 1L };

    public static VariableDeclaration HealthLogLines { get; } = new("app_health_log_lines", WholeNumber(1, 1000), "health check: lines of the application's log shown when it fails") { Default = 20L };

    public static IReadOnlyList<VariableDeclaration> All { get; } =
    [
        SharedVariables.AppName,
        SharedVariables.AppUser,
        SharedVariables.AppServerKind,
        SharedVariables.AppBind,
        SharedVariables.AptCacheMaxAge,
        Wsgi,
        Workers,
        WorkerTimeout,
        GracefulTimeout,
        PhpVersion,
        ListenOwner,
        ProcessManager,
        MaxChildren,
        StartServers,
        MinSpareServers,
        MaxSpareServers,
        ProcessIdleTimeout,
        MaxRequests,
        HealthPath,
        HealthRetries,
        HealthInterval,
        HealthLogLines,
    ];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.]*(\(\))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WsgiPattern();

    [GeneratedRegex("^/[A-Za-z0-9/._~=&%+-]*(\\?[A-Za-z0-9/._~=&%+-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HealthPathPattern();

    [GeneratedRegex(@"^[0-9]{1,2}\.[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
