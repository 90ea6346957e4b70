namespace FooBar.Provision.Testing;

/// <summary>A service on a <see cref="FakeHost"/>: whether it runs and starts at boot, and what was done to it.</summary>
/// <param name="Name">The service (unit) name.</param>
/// <param name="Running">Whether it runs.</param>
/// <param name="Enabled">Whether it starts at boot.</param>
public sealed record FakeService(string Name, bool Running, bool Enabled)
{
    /// <summary>How many times it was started (<c>systemctl start</c>, <c>service … start</c>).</summary>
    public int Starts { get; init; }

    /// <summary>How many times it was reloaded.</summary>
    public int Reloads { get; init; }

    /// <summary>How many times it was restarted.</summary>
    public int Restarts { get; init; }
}
