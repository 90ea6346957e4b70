using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Rolling;

/// <summary>A role that deploys releases and can put the previous one back (the built-in <c>app-files</c> role).</summary>
/// <remarks>
/// A rolling apply calls it on a host whose change a load balancer's health check refused: the host goes back to the
/// release it ran before, then the rollout stops. See docs/rolling-deploys.md.
/// </remarks>
public interface IReleaseRollback
{
    /// <summary>Switches the host back to its previous release and makes the application serve it.</summary>
    /// <param name="context">The host, its facts and checked variables, the whole inventory.</param>
    /// <param name="hostRoles">The host's roles (another role may own the service that must reload).</param>
    /// <param name="connection">The host.</param>
    /// <param name="cancellationToken">Ends the rollback.</param>
    /// <returns>The release now live.</returns>
    /// <exception cref="ProvisionException">There is no previous release, or switching or reloading failed.</exception>
    Task<string> RollBackAsync(RoleContext context, IReadOnlyList<IRole> hostRoles, IHostConnection connection, CancellationToken cancellationToken);
}
