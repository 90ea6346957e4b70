using FooBar.Provision.Roles.AppServer;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>Makes the app server serve the release <c>current</c> points at after a rollback: its own reload handler, then its health check.</summary>
public static class AppServerReload
{
    /// <summary>Runs the <c>reload app-server</c> handler of <paramref name="appServer"/> (it starts a stopped service), then its health check.</summary>
    /// <param name="appServer">The host's app-server role.</param>
    /// <param name="context">The host, its facts and variables.</param>
    /// <param name="connection">The host.</param>
    /// <param name="cancellationToken">Ends the reload.</param>
    /// <returns>What happened, for a report (<c>app server reloaded and answering</c>).</returns>
    /// <exception cref="ProvisionException">The reload failed, or the application does not answer after it.</exception>
    public static async Task<string> RunAsync(IRole appServer, RoleContext context, IHostConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appServer);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(connection);
        var builder = new RoleBuilder();
        appServer.Build(context, builder);
        var reload = builder.Handlers.FirstOrDefault(h => h.Name == AppServerRole.ReloadHandler)
            ?? throw new ProvisionException($"the {appServer.Name} role defines no '{AppServerRole.ReloadHandler}' handler");
        var result = await connection.RunAsync(new RemoteCommand(reload.Script), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"reloading (or starting) the app server failed ({result.ExitText}): {result.StandardError.Trim()}", "look at the service's log on the host (journalctl -u <service>)");
        }

        if (reload.CheckScript is null)
        {
            return "app server reloaded";
        }

        var check = await connection.RunAsync(new RemoteCommand(reload.CheckScript) { Timeout = reload.CheckTimeout, IsReadOnly = true }, cancellationToken).ConfigureAwait(false);
        return check.Succeeded
            ? "app server reloaded and answering"
            : throw new ProvisionException($"the app server was reloaded but the application does not answer: {(check.StandardError + check.StandardOutput).Trim()}", "the release rolled back to fails too: roll back once more, or deploy a fixed release with provision apply");
    }
}
