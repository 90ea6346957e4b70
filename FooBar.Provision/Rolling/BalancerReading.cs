namespace FooBar.Provision.Rolling;

/// <summary>What a load balancer reports of one backend server.</summary>
/// <param name="Sessions">Requests (sessions) the server is handling now.</param>
/// <param name="Up">True when the balancer's own health check reports the server up (whatever its administrative state).</param>
/// <param name="Status">The balancer's words for it, for reports (<c>UP</c>, <c>DRAIN</c>, <c>DOWN</c>, <c>L7STS/500</c>).</param>
public sealed record BalancerReading(int Sessions, bool Up, string Status);
