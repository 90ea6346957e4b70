using FooBar.Provision.Resources;

namespace FooBar.Provision.Roles.AppServer;

public sealed partial class AppServerRole
{
    private void BuildGunicorn(RoleContext context, RoleBuilder builder, AppServerSettings settings)
    {
        var variables = context.Variables;
        var extra = new Dictionary<string, object?>
        {
            ["app_root"] = settings.AppRoot,
            ["app_current"] = settings.Current,
            ["app_config"] = settings.ConfigPath,
            ["app_workers"] = variables.GetInt(AppServerVariables.Workers.Name),
            ["app_worker_timeout"] = variables.GetInt(AppServerVariables.WorkerTimeout.Name),
            ["app_graceful_timeout"] = variables.GetInt(AppServerVariables.GracefulTimeout.Name),
            ["socket_dir"] = settings.SocketDirectory,
        };

        builder.Add(Packages(context, "gunicorn", "python3-pymysql"));
        AddUser(context, builder, settings);
        var systemd = context.Facts.HasSystemd;
        builder
            .Add(systemd
                ? new FileResource(settings.UnitPath, context.Render(this, "gunicorn.service.scriban", extra)) { Notify = [RestartHandler] }
                : new FileResource(settings.InitScriptPath, context.Render(this, "gunicorn.init.scriban", extra), "0755") { Notify = [RestartHandler] })
            .Add(new ServiceResource(settings.AppName) { StartSatisfies = [RestartHandler, ReloadHandler] });
        var health = HealthSettings.From(variables);
        AddHandlers(builder, settings.AppName, systemd, validate: null, health.Enabled ? GunicornCheck(settings, health, systemd) : null, health);
    }
}
