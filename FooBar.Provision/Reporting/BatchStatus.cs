namespace FooBar.Provision.Reporting;

/// <summary>The outcome of one batch of a rolling deploy.</summary>
public enum BatchStatus
{
    /// <summary>A plan: the batch an apply would run.</summary>
    Planned,

    /// <summary>Every host converged, or the failures stayed within <c>max_fail_percentage</c>.</summary>
    Succeeded,

    /// <summary>More hosts failed than <c>max_fail_percentage</c> allows: the rollout stopped here.</summary>
    Failed,

    /// <summary>The rollout stopped before this batch: its hosts were left untouched.</summary>
    NotRun,
}
