using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>One pending change of a resource: what it is, a human diff, and how to make it.</summary>
/// <param name="Action">Create, update, delete or run.</param>
/// <param name="Summary">A one-line description (<c>install nginx, mariadb-server</c>).</param>
/// <param name="Apply">Makes the change on the host; throws <see cref="ResourceFailedException"/> when it fails.</param>
public sealed record ResourceChange(ChangeAction Action, string Summary, Func<IHostConnection, CancellationToken, Task> Apply)
{
    /// <summary>Handlers notified earlier in the run that this change makes redundant (a service started after its
    /// configuration was written needs no restart): the engine drops them.</summary>
    public IReadOnlyList<string> Satisfies { get; init; } = [];

    /// <summary>Called after <see cref="Apply"/> returned: what happened on the way that the report adds to the summary
    /// (<c>waited 37 s for the package manager's lock</c>), or null for nothing.</summary>
    public Func<string?>? AppliedNote { get; init; }

    /// <summary>A unified diff (files) or other detail; secrets are masked by the engine before it is shown.</summary>
    public string? Diff { get; init; }

    /// <summary>For file changes that a validated handler guards: whether the file existed before (so a rollback deletes or restores it).</summary>
    public string? GuardedPath { get; init; }

    /// <summary>Whether <see cref="GuardedPath"/> existed before the change.</summary>
    public bool GuardedPathExisted { get; init; }

    /// <summary>Applies the change with a backup of <see cref="GuardedPath"/> kept at <c>backupPath</c>; null when the change has no backup-aware apply.</summary>
    public Func<IHostConnection, string, CancellationToken, Task>? ApplyWithBackup { get; init; }
}
