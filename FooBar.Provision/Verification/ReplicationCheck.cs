namespace FooBar.Provision.Verification;

/// <summary>The check of one database replica: are both replication threads running, and how far behind is it.</summary>
/// <param name="Host">The replica's inventory name.</param>
/// <param name="Primary">The inventory name of the host it should replicate from.</param>
/// <param name="Passed">True when both threads run, without error, from that primary, and the replica reached the primary's position within the timeout.</param>
/// <param name="Message">One human line: what was seen.</param>
/// <param name="Duration">Wall time of the check.</param>
public sealed record ReplicationCheck(string Host, string Primary, bool Passed, string Message, TimeSpan Duration)
{
    /// <summary><c>Slave_IO_Running</c>: <c>Yes</c>, <c>No</c>, <c>Connecting</c>, or "" when unknown.</summary>
    public string IoRunning { get; init; } = "";

    /// <summary><c>Slave_SQL_Running</c>: <c>Yes</c>, <c>No</c>, or "" when unknown.</summary>
    public string SqlRunning { get; init; } = "";

    /// <summary><c>Seconds_Behind_Master</c>, or null when MariaDB reports NULL (a thread is stopped) or it was not read.</summary>
    public long? SecondsBehindMaster { get; init; }

    /// <summary>The primary's <c>@@gtid_binlog_pos</c> when the check read it ("" for none yet), or null when it could not be read.</summary>
    public string? PrimaryGtid { get; init; }

    /// <summary>The replica's <c>@@gtid_slave_pos</c> after the check.</summary>
    public string? ReplicaGtid { get; init; }

    /// <summary>How long the replica took, from the moment it was asked, to apply everything the primary had committed when its
    /// position was read (one SSH round trip earlier): the measured lag, null when the replica did not get there.</summary>
    public TimeSpan? CatchUp { get; init; }

    /// <summary>The replication error (<c>Last_IO_Error</c> or <c>Last_SQL_Error</c>, with its number), or why the check could not run; null when none.</summary>
    public string? Error { get; init; }

    /// <summary><c>passed</c> or <c>failed</c>.</summary>
    public string StatusName => Passed ? "passed" : "failed";
}
