namespace FooBar.Provision.Reporting;

/// <summary>What one load balancer did with a host during a rolling apply.</summary>
/// <param name="Balancer">The load balancer (inventory name).</param>
/// <param name="Server">The server as the balancer knows it (<c>web/web1</c>).</param>
/// <param name="BackInRotation">True when the host was set ready again; false when it was left in maintenance (its health check never reported it up).</param>
/// <param name="Detail">How it went: sessions drained, how long the health check took, what the balancer said.</param>
public sealed record RotationReport(string Balancer, string Server, bool BackInRotation, string Detail);
