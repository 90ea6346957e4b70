namespace FooBar.Provision.Inventory;

/// <summary>How a group's hosts roll out: its <c>serial:</c> and <c>max_fail_percentage:</c>.</summary>
/// <param name="Serial">The batch size, or null when the group's hosts converge all at once.</param>
/// <param name="MaxFailPercentage">The share of a batch's hosts (0 to 100) that may fail before the rollout stops; 0 (the default) stops at the first failed host.</param>
/// <remarks>See docs/rolling-deploys.md.</remarks>
public sealed record GroupRollout(BatchSize? Serial, int MaxFailPercentage = 0);
