using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>
/// The application server behind Nginx: gunicorn (a systemd unit, or an init script without systemd) or a php-fpm
/// pool, running as the application's own system user.
/// </summary>
/// <remarks>
/// Idempotent: a second apply changes nothing. Defines the handlers <c>reload app-server</c> (graceful: gunicorn gets
/// a HUP and starts new workers from the release <c>current</c> points at; php-fpm reloads) and
/// <c>restart app-server</c> (unit, init script or pool changed). php-fpm configuration is checked with
/// <c>php-fpm -t</c> before either runs; when that fails the previous pool file is put back. See
/// <c>roles/AppServer/README.md</c> for the variables.
/// </remarks>
public sealed partial class AppServerRole : RoleBase
{
    /// <summary>The handler that reloads the application server gracefully.</summary>
    public const string ReloadHandler = "reload app-server";

    /// <summary>The handler that restarts the application server.</summary>
    public const string RestartHandler = "restart app-server";

    /// <inheritdoc />
    public override string Name => "app-server";

    /// <inheritdoc />
    public override string Folder => "AppServer";

    /// <inheritdoc />
    public override IReadOnlyList<Variables.VariableDeclaration> VariableDeclarations => AppServerVariables.All;

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        var settings = AppServerSettings.From(context.Variables);
        if (settings.Kind == AppServerSettings.Gunicorn)
        {
            BuildGunicorn(context, builder, settings);
        }
        else
        {
            BuildPhpFpm(context, builder, settings);
        }
    }

    private static AptPackages Packages(RoleContext context, params string[] packages) =>
        new(packages, TimeSpan.FromSeconds(context.Variables.GetInt(SharedVariables.AptCacheMaxAge.Name)));

    // The app-files role owns the application's user; declare it only when that role is not on the host (same
    // definition, so the two never fight over it).
    private static void AddUser(RoleContext context, RoleBuilder builder, AppServerSettings settings)
    {
        if (context.Host.Roles.Contains("app-files"))
        {
            return;
        }

        builder
            .Add(new GroupResource(settings.AppUser))
            .Add(new UserResource(settings.AppUser, settings.AppUser, settings.AppRoot));
    }

    // The reload starts a service that is not running instead of failing on it, and both clear a failed state first:
    // a release that crashed the app (gunicorn halts, systemd restarts it until its start limit) and was switched back
    // must come back up at once, by an apply's check or by provision rollback. With a health check, each handler only
    // passes once the application answers.
    private static void AddHandlers(RoleBuilder builder, string service, bool systemd, ShellScript? validate, ShellScript? check, HealthSettings health)
    {
        var quoted = service;
        ShellScript restart = systemd
            ? $"systemctl daemon-reload\nsystemctl reset-failed {quoted} 2>/dev/null || true\nsystemctl restart {quoted}"
            : (ShellScript)$"service {quoted} restart";
        ShellScript reload = systemd
            ? $"if systemctl is-active --quiet {quoted}; then systemctl reload {quoted}; else systemctl reset-failed {quoted} 2>/dev/null || true; systemctl restart {quoted}; fi"
            : (ShellScript)$"if service {quoted} status >/dev/null 2>&1; then service {quoted} reload; else service {quoted} restart; fi";
        builder
            .Handler(new Handler(RestartHandler, restart) { ValidateScript = validate, CheckScript = check, CheckTimeout = health.Timeout, RecoverScript = restart, Covers = [ReloadHandler] })
            .Handler(new Handler(ReloadHandler, reload) { ValidateScript = validate, CheckScript = check, CheckTimeout = health.Timeout, RecoverScript = restart });
    }
}
