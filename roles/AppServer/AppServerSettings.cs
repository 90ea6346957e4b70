using System.Text.RegularExpressions;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>The app-server role's variables, read once and checked, with the paths derived from them.</summary>
/// <remarks>
/// Every value that lands in a unit file, an init script or a pool file is checked against a strict pattern, so a
/// variable can never smuggle a second directive or a shell word into those files.
/// </remarks>
internal sealed partial record AppServerSettings(string AppName, string AppUser, string Kind, string Bind, string Wsgi, string PhpVersion)
{
    public const string Gunicorn = "gunicorn";
    public const string PhpFpm = "php-fpm";

    public string AppRoot => $"/srv/{AppName}";

    public string Current => $"{AppRoot}/current";

    public string ConfigPath => $"{AppRoot}/shared/config.ini";

    public string UnitPath => $"/etc/systemd/system/{AppName}.service";

    public string InitScriptPath => $"/etc/init.d/{AppName}";

    public string FpmService => $"php{PhpVersion}-fpm";

    public string FpmBinary => $"php-fpm{PhpVersion}";

    public string PoolPath => $"/etc/php/{PhpVersion}/fpm/pool.d/{AppName}.conf";

    public string DefaultPoolPath => $"/etc/php/{PhpVersion}/fpm/pool.d/www.conf";

    public string FpmSocket => $"/run/php/{AppName}-fpm.sock";

    /// <summary>The directory of a <c>unix:</c> bind's socket, or null for a TCP bind.</summary>
    public string? SocketDirectory => Bind.StartsWith("unix:", StringComparison.Ordinal) ? Bind[5..Bind.LastIndexOf('/')] : null;

    public static AppServerSettings From(VariableSet variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var kind = variables.GetString("app_server_kind");
        if (kind is not (Gunicorn or PhpFpm))
        {
            throw new VariableException($"variable 'app_server_kind' must be '{Gunicorn}' or '{PhpFpm}', but is '{kind}'", "set app_server_kind to gunicorn (Python WSGI) or php-fpm");
        }

        return new AppServerSettings(
            Check(variables, "app_name", NamePattern(), "a lowercase name such as foobar (letters, digits, '-', '_')"),
            Check(variables, "app_user", NamePattern(), "a system user name such as foobar"),
            kind,
            Check(variables, "app_bind", BindPattern(), "host:port such as 127.0.0.1:8000, or unix:/run/foobar/gunicorn.sock"),
            Check(variables, "app_wsgi", WsgiPattern(), "module:callable such as foobar_app:application"),
            Check(variables, "php_version", VersionPattern(), "a PHP version such as 8.2"));
    }

    /// <summary>Reads an integer variable and checks its range.</summary>
    public static long Number(VariableSet variables, string name, long min, long max)
    {
        var value = variables.GetInt(name);
        return value >= min && value <= max
            ? value
            : throw new VariableException($"variable '{name}' must be between {min} and {max}, but is {value}", $"fix the value of '{name}'");
    }

    /// <summary>Reads a string variable that must match <paramref name="pattern"/>.</summary>
    public static string Check(VariableSet variables, string name, Regex pattern, string expected)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(pattern);
        var value = variables.GetString(name);
        return pattern.IsMatch(value)
            ? value
            : throw new VariableException($"variable '{name}' must be {expected}, but is '{value}'", $"fix the value of '{name}' in the inventory or on the command line");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    public static partial Regex NamePattern();

    [GeneratedRegex(@"^(unix:/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/[A-Za-z0-9._-]+|[A-Za-z0-9.-]+:[0-9]{1,5}|\[[0-9A-Fa-f:.]+\]:[0-9]{1,5})$")]
    private static partial Regex BindPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.]*(\(\))?)?$")]
    private static partial Regex WsgiPattern();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[0-9]+[smh]?$")]
    public static partial Regex DurationPattern();

    [GeneratedRegex("^(static|dynamic|ondemand)$")]
    public static partial Regex ProcessManagerPattern();
}
