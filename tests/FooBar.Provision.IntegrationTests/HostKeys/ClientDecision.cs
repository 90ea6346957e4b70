namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>What one client decided in a case.</summary>
/// <param name="Category">trusted, unknown, changed, revoked, refused (another refusal), or error (the case proves nothing).</param>
/// <param name="Algorithm">The negotiated host key algorithm, when seen.</param>
/// <param name="Detail">What the client said (the end of ssh's messages, or the verifier's).</param>
public sealed record ClientDecision(string Category, string? Algorithm, string Detail)
{
    /// <summary>True when the client went on with the connection.</summary>
    public bool Trusted => Category == "trusted";
}
