namespace FooBar.Provision.Cli;

/// <summary>An option a run took from configuration.</summary>
/// <param name="Option">The option's name (<c>--forks</c>).</param>
/// <param name="Values">Its values (one, or one per item of an array).</param>
/// <param name="Source">Where it was set, for messages (<c>provision.json: forks</c>, <c>environment variable PROVISION_FORKS</c>).</param>
internal sealed record ConfiguredOption(string Option, IReadOnlyList<string> Values, string Source);
