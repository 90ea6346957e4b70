namespace FooBar.Provision.Reporting;

/// <summary>A rolling deploy: its batches in order and, when it stopped early, why.</summary>
/// <param name="Batches">Every batch, in the order they ran (or would run).</param>
/// <param name="StoppedReason">Why the rollout stopped before its last batch, or null when it did not.</param>
public sealed record RolloutReport(IReadOnlyList<BatchReport> Batches, string? StoppedReason);
