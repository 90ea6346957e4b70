namespace FooBar.Provision.Reporting;

/// <summary>One batch of a rolling deploy.</summary>
/// <param name="Number">1 for the first batch.</param>
/// <param name="Group">The group whose <c>serial:</c> made the batch, or null (<c>--serial</c>, or the hosts of no such group, which run first).</param>
/// <param name="Hosts">Its hosts, in inventory order.</param>
/// <param name="Status">How it went.</param>
public sealed record BatchReport(int Number, string? Group, IReadOnlyList<string> Hosts, BatchStatus Status);
