using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>The app-server role's variables, read once, with the paths derived from them.</summary>
/// <remarks>
/// Every value that lands in a unit file, an init script or a pool file was checked against its declaration in
/// <see cref="AppServerVariables"/> before the role is built, so a variable can never smuggle a second directive or a
/// shell word into those files.
/// </remarks>
internal sealed record AppServerSettings(string AppName, string AppUser, string Kind, string Bind, string Wsgi, string PhpVersion)
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
        return new AppServerSettings(
            variables.GetString(SharedVariables.AppName.Name),
            variables.GetString(SharedVariables.AppUser.Name),
            variables.GetString(SharedVariables.AppServerKind.Name),
            variables.GetString(SharedVariables.AppBind.Name),
            variables.GetString(AppServerVariables.Wsgi.Name),
            variables.GetString(AppServerVariables.PhpVersion.Name));
    }
}
