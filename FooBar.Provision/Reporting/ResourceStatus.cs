namespace FooBar.Provision.Reporting;

/// <summary>What happened to a resource or handler.</summary>
public enum ResourceStatus
{
    /// <summary>Already in state: nothing to do.</summary>
    Ok,

    /// <summary>A plan found a change it would make (dry-run).</summary>
    Pending,

    /// <summary>Apply made a change.</summary>
    Changed,

    /// <summary>The probe, the comparison or the change failed.</summary>
    Failed,

    /// <summary>Not reached, because an earlier resource of the host failed.</summary>
    Skipped,
}
