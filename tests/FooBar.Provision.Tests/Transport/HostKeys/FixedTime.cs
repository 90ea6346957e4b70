namespace FooBar.Provision.Tests.Transport.HostKeys;

/// <summary>A clock that says what the test wants.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
