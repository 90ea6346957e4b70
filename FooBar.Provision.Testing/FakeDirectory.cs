namespace FooBar.Provision.Testing;

/// <summary>A directory on a <see cref="FakeHost"/>.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Mode">The octal mode without leading zeros (<c>755</c>).</param>
/// <param name="Owner">The owning user.</param>
/// <param name="Group">The owning group.</param>
public sealed record FakeDirectory(string Path, string Mode, string Owner, string Group);
