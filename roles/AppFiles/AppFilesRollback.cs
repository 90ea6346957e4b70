using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>Switches an application back to the release that was live before the current one (<c>provision rollback</c>).</summary>
/// <remarks>
/// Two round trips: one read (the <c>current</c> link, <c>releases/.history</c> and the complete releases), then one
/// switch that checks <c>current</c> has not moved meanwhile, re-points it atomically (a new link renamed over the old)
/// and drops the rolled-back activations from the history, so a second rollback goes one release further back. The
/// app server is not reloaded here. The next <c>provision apply</c> deploys its source again: fix the code first.
/// </remarks>
public static class AppFilesRollback
{
    /// <summary>Rolls <paramref name="appRoot"/> (<c>/srv/foobar</c>) back by one release.</summary>
    /// <returns>The release ids switched from and to.</returns>
    /// <exception cref="ProvisionException">There is no current release, no earlier release left, or the switch failed.</exception>
    public static async Task<(string From, string To)> RollbackAsync(IHostConnection connection, string appRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(appRoot);
        appRoot = appRoot.TrimEnd('/');
        var releases = appRoot + "/releases";
        var history = $"{appRoot}/releases/{ReleaseResource.HistoryName}";
        ShellScript read = $"echo \"current $(readlink {appRoot + "/current"})\"; " +
                   $"if [ -f {history} ]; then sed 's/^/history /' {history}; fi; " +
                   $"ls -1t -- {releases} 2>/dev/null | while IFS= read -r d; do if [ -f {releases}/\"$d\"/{ReleaseResource.MarkerName} ]; then printf 'release %s\\n' \"$d\"; fi; done";
        var state = await connection.RunAsync(new RemoteCommand(read).AsReadOnly(), cancellationToken).ConfigureAwait(false);
        if (!state.Succeeded)
        {
            throw new ProvisionException($"reading the releases of {appRoot} on {connection.HostName} failed: {state.ExitText}: {state.StandardError.Trim()}");
        }

        var plan = RollbackPlan.Parse(state.StandardOutput, appRoot);
        var result = await connection.RunAsync(new RemoteCommand(SwitchScript(appRoot, plan)), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"rolling {appRoot} on {connection.HostName} back from {plan.From} to {plan.To} failed: {result.StandardError.Trim()}", "run the rollback again; current was not switched");
        }

        return (plan.From, plan.To);
    }

    private static ShellScript SwitchScript(string appRoot, RollbackPlan plan)
    {
        var lines = new List<ShellScript>
        {
            $"set -e",
            $"cd {appRoot}",
            $"[ \"$(readlink current)\" = {plan.Link} ] || {{ echo 'current changed while rolling back' >&2; exit 3; }}",
            $"[ -f {$"releases/{plan.To}/{ReleaseResource.MarkerName}"} ] || {{ echo {$"release {plan.To} is gone"} >&2; exit 4; }}",
            $"ln -sfn {"releases/" + plan.To} current.provision-new",
            $"mv -Tf current.provision-new current",
        };
        if (plan.History is { } entries)
        {
            var file = "releases/" + ReleaseResource.HistoryName;
            lines.Add($"printf '%s\\n' {ShellWords.Of(entries)} > {file + ".new"} && mv -f {file + ".new"} {file}");
        }

        return ShellScript.Lines(lines) + $"\n";
    }
}
