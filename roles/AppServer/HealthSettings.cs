using System.Text.RegularExpressions;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>The health check after a release switch, reload or restart: what to ask, how often, and how much log to show.</summary>
/// <param name="Path">The URL path (<c>/health</c>); empty turns the check off.</param>
/// <param name="Retries">Attempts before the check fails.</param>
/// <param name="Interval">Seconds between attempts (and before the first).</param>
/// <param name="LogLines">Lines of the application's log shown when it fails.</param>
internal sealed partial record HealthSettings(string Path, long Retries, long Interval, long LogLines)
{
    public bool Enabled => Path.Length > 0;

    /// <summary>How long the whole check may take on the host: every attempt's wait and its 5 s answer timeout, plus the log.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds((Retries * (Interval + 6)) + 30);

    public static HealthSettings From(VariableSet variables)
    {
        var path = variables.GetStringOrNull("app_health_path") ?? "";
        if (path.Length > 0 && !PathPattern().IsMatch(path))
        {
            throw new VariableException($"variable 'app_health_path' must be a URL path such as /health, but is '{path}'", "set app_health_path to the path the application answers with 2xx when it works, or to \"\" to turn the check off");
        }

        return new HealthSettings(
            path,
            AppServerSettings.Number(variables, "app_health_retries", 1, 600),
            AppServerSettings.Number(variables, "app_health_interval", 1, 60),
            AppServerSettings.Number(variables, "app_health_log_lines", 1, 1000));
    }

    [GeneratedRegex("^/[A-Za-z0-9/._~=&%+-]*(\\?[A-Za-z0-9/._~=&%+-]*)?$")]
    private static partial Regex PathPattern();
}
