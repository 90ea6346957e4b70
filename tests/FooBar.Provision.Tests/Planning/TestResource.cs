using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Planning;

/// <summary>A resource over one key of a <see cref="FakeHost"/>: desired when the key holds <paramref name="desired"/>.</summary>
internal sealed class TestResource(string key, string desired, bool stales = false) : Resource
{
    public override string Kind => "test";

    public override string Name => key;

    public override bool StalesLaterProbes => stales;

    public override ShellScript ProbeScript => $"get-state {key}";

    public override ResourceChange? Compare(ProbeResult current, PlanContext context) =>
        current.Output.Trim() == desired
            ? null
            : new ResourceChange(ChangeAction.Update, $"set {key} to {desired}", RemoteActions.Run($"set-state {key} {desired}")) { Diff = $"-{current.Output.Trim()}\n+{desired}\n" };
}
