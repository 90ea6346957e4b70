namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>One generated case: a known_hosts file, and the server and name to connect to.</summary>
/// <param name="Id">Its number in the run.</param>
/// <param name="Server">The server.</param>
/// <param name="Address">The name given to both clients (<c>127.0.0.1</c>, <c>localhost</c>, <c>LocalHost</c>).</param>
/// <param name="KnownHosts">The known_hosts text.</param>
public sealed record DifferentialCase(int Id, DifferentialServer Server, string Address, string KnownHosts)
{
    /// <inheritdoc />
    public override string ToString() => $"case {Id}: {Address} -> {Server}\n{KnownHosts}";
}
