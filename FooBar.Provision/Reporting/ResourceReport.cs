namespace FooBar.Provision.Reporting;

/// <summary>One resource's line in a report.</summary>
/// <param name="Id">The resource identity, such as <c>file[/etc/motd]</c>.</param>
/// <param name="Role">The role that declared it.</param>
/// <param name="Status">What happened.</param>
/// <param name="Summary">The change (pending or made), or null when ok.</param>
/// <param name="Diff">A unified diff with secrets masked, or null.</param>
/// <param name="Duration">Time spent applying it.</param>
/// <param name="Error">Why it failed (secrets masked), or null.</param>
public sealed record ResourceReport(string Id, string Role, ResourceStatus Status, string? Summary, string? Diff, TimeSpan Duration, string? Error = null);
