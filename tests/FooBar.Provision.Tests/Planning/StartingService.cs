using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A stopped service on a <see cref="FakeHost"/> that apply starts, with <see cref="StartSatisfies"/> like the real one.</summary>
internal sealed class StartingService(string name) : Resource
{
    public IReadOnlyList<string> StartSatisfies { get; init; } = [];

    public override string Kind => "service";

    public override string Name => name;

    public override ShellScript ProbeScript => $"get-state {"service-" + name}";

    public override ResourceChange? Compare(ProbeResult current, PlanContext context) =>
        current.Output.Trim() == "active"
            ? null
            : new ResourceChange(ChangeAction.Update, $"start service {name}", RemoteActions.Run($"set-state service-{name} active")) { Satisfies = StartSatisfies };
}
