using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppServer;

public sealed partial class AppServerRole
{
    private void BuildPhpFpm(RoleContext context, RoleBuilder builder, AppServerSettings settings)
    {
        var variables = context.Variables;
        var pm = AppServerSettings.Check(variables, "php_fpm_pm", AppServerSettings.ProcessManagerPattern(), "static, dynamic or ondemand");
        var extra = new Dictionary<string, object?>
        {
            ["app_config"] = settings.ConfigPath,
            ["fpm_socket"] = settings.FpmSocket,
            ["php_fpm_listen_owner"] = AppServerSettings.Check(variables, "php_fpm_listen_owner", AppServerSettings.NamePattern(), "a user name such as www-data"),
            ["php_fpm_max_children"] = AppServerSettings.Number(variables, "php_fpm_max_children", 1, 10000),
            ["php_fpm_start_servers"] = AppServerSettings.Number(variables, "php_fpm_start_servers", 1, 10000),
            ["php_fpm_min_spare_servers"] = AppServerSettings.Number(variables, "php_fpm_min_spare_servers", 1, 10000),
            ["php_fpm_max_spare_servers"] = AppServerSettings.Number(variables, "php_fpm_max_spare_servers", 1, 10000),
            ["php_fpm_max_requests"] = AppServerSettings.Number(variables, "php_fpm_max_requests", 0, 1_000_000),
            ["php_fpm_process_idle_timeout"] = AppServerSettings.Check(variables, "php_fpm_process_idle_timeout", AppServerSettings.DurationPattern(), "a duration such as 10s"),
            ["pm_dynamic"] = pm == "dynamic",
            ["pm_ondemand"] = pm == "ondemand",
        };

        var fpm = settings.FpmService;
        var health = HealthSettings.From(variables);
        builder.Add(health.Enabled ? Packages(context, fpm, $"php{settings.PhpVersion}-mysql", "libfcgi-bin") : Packages(context, fpm, $"php{settings.PhpVersion}-mysql"));
        AddUser(context, builder, settings);
        builder
            .Add(new PoolFileResource(new FileResource(settings.PoolPath, context.Render(this, "php-fpm-pool.conf.hbs", extra)) { Notify = [RestartHandler] }, settings.FpmBinary, settings.DefaultPoolPath))
            .Add(new AbsentResource(settings.DefaultPoolPath) { InstalledBy = fpm, Notify = [RestartHandler] })
            .Add(new ServiceResource(fpm) { StartSatisfies = [RestartHandler, ReloadHandler] });

        // The pool is checked as a candidate before it is written (PoolFileResource); php-fpm -t runs again before the
        // restart, for what changed outside this role (the engine then puts the old file back).
        AddHandlers(builder, fpm, context.Facts.HasSystemd, validate: $"{ShellQuote.Quote(settings.FpmBinary)} -t", health.Enabled ? PhpFpmCheck(settings, health) : null, health);
    }
}
