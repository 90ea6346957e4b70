using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A system group that must exist.</summary>
public sealed class GroupResource(string group) : Resource
{
    /// <summary>The group name.</summary>
    public string Group { get; } = group;

    /// <inheritdoc />
    public override string Kind => "group";

    /// <inheritdoc />
    public override string Name => Group;

    /// <inheritdoc />
    public override ShellScript ProbeScript => $"getent group {Group} >/dev/null && echo present || echo absent";

    /// <inheritdoc cref="Resource.ProbeRunsInBatchShell" />
    internal override bool ProbeRunsInBatchShell => true;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context) =>
        current.Output.Trim() == "present"
            ? null
            : new ResourceChange(ChangeAction.Create, $"create system group {Group}", RemoteActions.Run($"groupadd --system {Group}"));
}
