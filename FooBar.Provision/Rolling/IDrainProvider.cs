using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Rolling;

/// <summary>A load balancer's side of a rolling deploy: which backend hosts it fronts, and taking one out of rotation and back.</summary>
/// <remarks>
/// Implemented by the role a load balancer runs (the built-in <c>haproxy</c> role does). During a rolling apply the
/// engine asks every host whose roles include a provider whether it fronts each host of a batch; for each that does,
/// it drains the host there (<see cref="DrainState.Drain"/>, then waits until <see cref="ReadAsync"/> reports no
/// session), converges it, waits until the balancer's own health check reports it up, and sets it
/// <see cref="DrainState.Ready"/>. A plan never calls a provider. See docs/rolling-deploys.md.
/// </remarks>
public interface IDrainProvider
{
    /// <summary>The server that stands for <paramref name="backend"/> on <paramref name="balancer"/>, or null when the balancer does not front it.</summary>
    /// <param name="balancer">A host with the provider's role.</param>
    /// <param name="variables">The balancer's checked variables (its roles' defaults under its inventory values).</param>
    /// <param name="backend">A host about to converge.</param>
    /// <param name="inventory">The whole inventory.</param>
    DrainTarget? Fronts(HostEntry balancer, VariableSet variables, HostEntry backend, InventoryView inventory);

    /// <summary>Puts <paramref name="target"/> in <paramref name="state"/> on the balancer (a write on the balancer, never on the backend).</summary>
    /// <exception cref="ProvisionException">The balancer refused or could not be asked.</exception>
    Task SetStateAsync(IHostConnection balancer, DrainTarget target, DrainState state, CancellationToken cancellationToken);

    /// <summary>What the balancer knows of <paramref name="target"/> now: its sessions and its health check (read-only).</summary>
    /// <exception cref="ProvisionException">The balancer could not be asked, or does not know the server.</exception>
    Task<BalancerReading> ReadAsync(IHostConnection balancer, DrainTarget target, CancellationToken cancellationToken);
}
