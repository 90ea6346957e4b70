namespace FooBar.Provision.Reporting;

/// <summary>The outcome of one host.</summary>
public enum HostStatus
{
    /// <summary>Converged: nothing changed and nothing is pending.</summary>
    Ok,

    /// <summary>A plan found pending changes.</summary>
    Pending,

    /// <summary>Apply changed something and converged.</summary>
    Changed,

    /// <summary>Something failed on the host.</summary>
    Failed,

    /// <summary>The host could not be reached or refused us.</summary>
    Unreachable,

    /// <summary>A rolling apply stopped before the host's batch: nothing was changed on it.</summary>
    NotRun,
}
