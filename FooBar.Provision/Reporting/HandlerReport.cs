namespace FooBar.Provision.Reporting;

/// <summary>One handler run in a report.</summary>
/// <param name="Name">The handler's name.</param>
/// <param name="Status">Changed when it ran, Failed when validation or the action failed.</param>
/// <param name="Error">Why it failed (secrets masked), or null.</param>
public sealed record HandlerReport(string Name, ResourceStatus Status, string? Error = null);
