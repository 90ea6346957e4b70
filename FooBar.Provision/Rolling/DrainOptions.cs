namespace FooBar.Provision.Rolling;

/// <summary>The bounds of taking a host out of rotation and back during a rolling apply.</summary>
public sealed record DrainOptions
{
    /// <summary>How long to wait for a drained server's sessions to reach 0 before converging it anyway (default 30 s).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait, after a host converged, for each load balancer's health check to report it up (default 60 s).</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a server must be reported up without a break before it is put back in rotation (default 3 s: longer than haproxy's default check interval, so a check ran after the change).</summary>
    public TimeSpan HealthSettle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Time between two readings of a load balancer (default 0.5 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
