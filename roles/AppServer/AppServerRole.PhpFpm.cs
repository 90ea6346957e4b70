using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppServer;

public sealed partial class AppServerRole
{
    private void BuildPhpFpm(RoleContext context, RoleBuilder builder, AppServerSettings settings)
    {
        var variables = context.Variables;
        var pm = variables.GetString(AppServerVariables.ProcessManager.Name);
        var extra = new Dictionary<string, object?>
        {
            ["app_config"] = settings.ConfigPath,
            ["fpm_socket"] = settings.FpmSocket,
            ["php_fpm_listen_owner"] = variables.GetString(AppServerVariables.ListenOwner.Name),
            ["php_fpm_max_children"] = variables.GetInt(AppServerVariables.MaxChildren.Name),
            ["php_fpm_start_servers"] = variables.GetInt(AppServerVariables.StartServers.Name),
            ["php_fpm_min_spare_servers"] = variables.GetInt(AppServerVariables.MinSpareServers.Name),
            ["php_fpm_max_spare_servers"] = variables.GetInt(AppServerVariables.MaxSpareServers.Name),
            ["php_fpm_max_requests"] = variables.GetInt(AppServerVariables.MaxRequests.Name),
            ["php_fpm_process_idle_timeout"] = variables.GetString(AppServerVariables.ProcessIdleTimeout.Name),
            ["pm_dynamic"] = pm == "dynamic",
            ["pm_ondemand"] = pm == "ondemand",
        };

        var fpm = settings.FpmService;
        var health = HealthSettings.From(variables);
        builder.Add(health.Enabled ? Packages(context, fpm, $"php{settings.PhpVersion}-mysql", "libfcgi-bin") : Packages(context, fpm, $"php{settings.PhpVersion}-mysql"));
        AddUser(context, builder, settings);
        builder
            .Add(new PoolFileResource(new FileResource(settings.PoolPath, context.Render(this, "php-fpm-pool.conf.scriban", extra)) { Notify = [RestartHandler] }, settings.FpmBinary, settings.DefaultPoolPath))
            .Add(new AbsentResource(settings.DefaultPoolPath) { InstalledBy = fpm, Notify = [RestartHandler] })
            .Add(new ServiceResource(fpm) { StartSatisfies = [RestartHandler, ReloadHandler] });

        // The pool is checked as a candidate before it is written (PoolFileResource); php-fpm -t runs again before the
        // restart, for what changed outside this role (the engine then puts the old file back).
        AddHandlers(builder, fpm, context.Facts.HasSystemd, validate: $"{settings.FpmBinary} -t", health.Enabled ? PhpFpmCheck(settings, health) : null, health);
    }
}
