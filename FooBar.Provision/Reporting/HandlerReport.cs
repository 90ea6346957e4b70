namespace FooBar.Provision.Reporting;

/// <summary>One handler run in a report.</summary>
/// <param name="Name">The handler's name.</param>
/// <param name="Status">Changed when it ran, Failed when validation or the action failed, Pending in a plan (owed by an interrupted run).</param>
/// <param name="Error">Why it failed (secrets masked), or null.</param>
public sealed record HandlerReport(string Name, ResourceStatus Status, string? Error = null)
{
    /// <summary>True when an earlier, interrupted apply owed this handler (read from the host's journal).</summary>
    public bool Owed { get; init; }

    /// <summary>True when the files the handler guards were put back as they were (its validation or check failed).</summary>
    public bool PutBack { get; init; }

    /// <summary>What else happened (an owed handler's origin, files put back), secrets masked; or null.</summary>
    public string? Detail { get; init; }
}
