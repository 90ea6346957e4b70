namespace FooBar.Provision.Planning;

/// <summary>An action that runs once, at the end of the host, when a resource that notifies it changed.</summary>
/// <remarks>
/// When <see cref="ValidateScript"/> is set it must pass first (the pattern <c>nginx -t</c>, then reload). When it
/// fails, every file the handler guards is put back as it was before this apply, the action does not run and the host
/// fails: an invalid configuration never replaces a working one.
/// </remarks>
/// <param name="Name">The name resources notify.</param>
/// <param name="Script">The POSIX sh action (reload, restart…).</param>
public sealed record Handler(string Name, string Script)
{
    /// <summary>A read-only check that must pass before the action runs, or null.</summary>
    public string? ValidateScript { get; init; }

    /// <summary>Handlers this one makes redundant when both are notified (a restart covers a reload): they are skipped.</summary>
    public IReadOnlyList<string> Covers { get; init; } = [];
}
