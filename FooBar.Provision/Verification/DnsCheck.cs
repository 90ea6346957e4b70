namespace FooBar.Provision.Verification;

/// <summary>The DNS half of a check: where the name points, compared with the host's address.</summary>
/// <param name="Resolved">The addresses the name resolves to (empty when the lookup failed).</param>
/// <param name="Expected">The host's addresses (its inventory address, resolved when it is a name).</param>
/// <param name="Matches">True when every compared address is one of <paramref name="Expected"/>.</param>
/// <param name="Error">Why the lookup failed, or null.</param>
public sealed record DnsCheck(IReadOnlyList<string> Resolved, IReadOnlyList<string> Expected, bool Matches, string? Error = null);
