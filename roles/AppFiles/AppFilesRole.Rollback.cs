using FooBar.Provision.Rolling;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>A rolling apply's rollback of a host whose new release a load balancer refused.</summary>
public sealed partial class AppFilesRole : IReleaseRollback
{
    /// <inheritdoc />
    /// <remarks>
    /// The same as <c>provision rollback</c>: <c>current</c> switched back to the release live before it
    /// (<see cref="AppFilesRollback"/>), then the host's app server reloaded and its health check run.
    /// </remarks>
    public async Task<string> RollBackAsync(RoleContext context, IReadOnlyList<IRole> hostRoles, IHostConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hostRoles);
        ArgumentNullException.ThrowIfNull(connection);
        var appRoot = "/srv/" + context.Variables.GetString(SharedVariables.AppName.Name);
        var (_, to) = await AppFilesRollback.RollbackAsync(connection, appRoot, cancellationToken).ConfigureAwait(false);
        if (hostRoles.FirstOrDefault(r => r.Name == AppServerRole) is { } appServer)
        {
            await AppServerReload.RunAsync(appServer, context, connection, cancellationToken).ConfigureAwait(false);
        }

        return to;
    }
}
