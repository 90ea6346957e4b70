namespace FooBar.Provision.Testing;

/// <summary>A user account on a <see cref="FakeHost"/>.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Group">The primary group.</param>
/// <param name="Home">The home directory.</param>
/// <param name="Shell">The login shell.</param>
public sealed record FakeUser(string Name, string Group, string Home, string Shell);
