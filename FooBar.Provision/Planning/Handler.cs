using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>An action that runs once, at the end of the host, when a resource that notifies it changed.</summary>
/// <remarks>
/// When <see cref="ValidateScript"/> is set it must pass first (the pattern <c>nginx -t</c>, then reload). When it
/// fails, every file the handler guards is put back as it was before this apply, the action does not run and the host
/// fails: an invalid configuration never replaces a working one. When <see cref="CheckScript"/> is set it must pass
/// after the action (the application answers): when it fails, the guarded changes are put back, the action runs again
/// so the previous state is in service, and the host fails with the check's output.
/// </remarks>
/// <param name="Name">The name resources notify.</param>
/// <param name="Script">The POSIX sh action (reload, restart…), written as an interpolated string: its values are quoted.</param>
public sealed record Handler(string Name, ShellScript Script)
{
    /// <summary>A read-only check that must pass before the action runs, or null.</summary>
    public ShellScript? ValidateScript { get; init; }

    /// <summary>
    /// A read-only check that must pass after the action (a health check with bounded retries), or null. It also runs
    /// when starting a service made the action itself redundant. On failure it should print what explains it (the last
    /// lines of the application's log) on stderr; that text, secrets masked, becomes the host's error.
    /// </summary>
    public ShellScript? CheckScript { get; init; }

    /// <summary>
    /// What brings the previous state back into service after a failed check, once the guarded changes are put back,
    /// or null to run <see cref="Script"/> again. A reload is not enough for a server that crashed on the new state
    /// (systemd may be restarting it in a loop): give the restart here.
    /// </summary>
    public ShellScript? RecoverScript { get; init; }

    /// <summary>How long <see cref="CheckScript"/> may run (null: the connection's default).</summary>
    public TimeSpan? CheckTimeout { get; init; }

    /// <summary>Handlers this one makes redundant when both are notified (a restart covers a reload): they are skipped.</summary>
    public IReadOnlyList<string> Covers { get; init; } = [];

    /// <summary>True when the files this handler's notifiers write are backed up, so a failed check can put them back.</summary>
    public bool GuardsFiles => ValidateScript is not null || CheckScript is not null;
}
