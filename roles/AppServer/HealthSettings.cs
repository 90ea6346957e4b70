using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>The health check after a release switch, reload or restart: what to ask, how often, and how much log to show.</summary>
/// <param name="Path">The URL path (<c>/health</c>); empty turns the check off.</param>
/// <param name="Retries">Attempts before the check fails.</param>
/// <param name="Interval">Seconds between attempts (and before the first).</param>
/// <param name="LogLines">Lines of the application's log shown when it fails.</param>
internal sealed record HealthSettings(string Path, long Retries, long Interval, long LogLines)
{
    public bool Enabled => Path.Length > 0;

    /// <summary>How long the whole check may take on the host: every attempt's wait and its 5 s answer timeout, plus the log.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds((Retries * (Interval + 6)) + 30);

    public static HealthSettings From(VariableSet variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new HealthSettings(
            variables.GetStringOrNull(AppServerVariables.HealthPath.Name) ?? "",
            variables.GetInt(AppServerVariables.HealthRetries.Name),
            variables.GetInt(AppServerVariables.HealthInterval.Name),
            variables.GetInt(AppServerVariables.HealthLogLines.Name));
    }
}
