using FooBar.Provision.Inventory;
using FooBar.Provision.Rolling;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>The load balancer's side of a rolling deploy: draining its servers through the runtime socket (<see cref="HaproxyDrain"/>).</summary>
public sealed partial class HaproxyRole : IDrainProvider
{
    private readonly HaproxyDrain _drain = new();

    /// <inheritdoc />
    public DrainTarget? Fronts(HostEntry balancer, VariableSet variables, HostEntry backend, InventoryView inventory) => _drain.Fronts(balancer, variables, backend, inventory);

    /// <inheritdoc />
    public Task SetStateAsync(IHostConnection balancer, DrainTarget target, DrainState state, CancellationToken cancellationToken) => _drain.SetStateAsync(balancer, target, state, cancellationToken);

    /// <inheritdoc />
    public Task<BalancerReading> ReadAsync(IHostConnection balancer, DrainTarget target, CancellationToken cancellationToken) => _drain.ReadAsync(balancer, target, cancellationToken);
}
