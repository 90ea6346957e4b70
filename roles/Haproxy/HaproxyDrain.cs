using FooBar.Provision.Inventory;
using FooBar.Provision.Rolling;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>Drains a web server on a load balancer of the <c>haproxy</c> role through its runtime API socket.</summary>
/// <remarks>
/// A balancer fronts the hosts of its <c>haproxy_backend_group</c> (default <c>web</c>), each the server named as the
/// host in the backend <c>haproxy_backend_name</c> (default <c>web</c>). Commands go to <see cref="Socket"/> (admin level,
/// root only) with <c>socat</c>, or python3 where socat is missing: <c>set server BACKEND/SERVER state drain|ready|maint</c>
/// to write, <c>show stat</c> to read the server's sessions and its health check. Every value is quoted. See
/// docs/rolling-deploys.md.
/// </remarks>
public sealed class HaproxyDrain : IDrainProvider
{
    /// <summary>The runtime API socket.</summary>
    public const string Socket = "/run/haproxy/admin.sock";

    // The same exchange as socat's, for hosts without it: one command, the whole answer.
    private const string Python =
        "import socket,sys\n" +
        "s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM)\n" +
        "s.settimeout(10)\n" +
        "s.connect(sys.argv[1])\n" +
        "s.sendall((sys.argv[2]+'\\n').encode())\n" +
        "out=b''\n" +
        "while True:\n" +
        "    d=s.recv(65536)\n" +
        "    if not d: break\n" +
        "    out+=d\n" +
        "sys.stdout.write(out.decode('utf-8','replace'))\n";

    /// <inheritdoc />
    public DrainTarget? Fronts(HostEntry balancer, VariableSet variables, HostEntry backend, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(inventory);
        var group = variables.ContainsKey("haproxy_backend_group") ? variables.GetStringOrNull("haproxy_backend_group") : "web";
        if (string.IsNullOrEmpty(group) || inventory.HostsOf(group).All(h => h.Name != backend.Name))
        {
            return null;
        }

        var name = variables.GetStringOrNull("haproxy_backend_name") is { Length: > 0 } given ? given : "web";
        return new DrainTarget(name, backend.Name);
    }

    /// <inheritdoc />
    public async Task SetStateAsync(IHostConnection balancer, DrainTarget target, DrainState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var word = state.ToString().ToLowerInvariant();
        var answer = await AskAsync(balancer, $"set server {target.Backend}/{target.Server} state {word}", readOnly: false, cancellationToken).ConfigureAwait(false);
        if (answer.Trim().Length > 0)
        {
            throw new ProvisionException($"haproxy on {balancer.HostName} refused 'set server {target} state {word}': {answer.Trim()}", "check that the backend and the server exist in haproxy.cfg (haproxy_backend_name, the host names of haproxy_backend_group)");
        }
    }

    /// <inheritdoc />
    public async Task<BalancerReading> ReadAsync(IHostConnection balancer, DrainTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var answer = await AskAsync(balancer, "show stat", readOnly: true, cancellationToken).ConfigureAwait(false);
        return HaproxyStat.Read(answer, target)
            ?? throw new ProvisionException($"haproxy on {balancer.HostName} has no server {target} (show stat)", "check haproxy_backend_name and that the host is in haproxy_backend_group, then apply the load balancer");
    }

    private static async Task<string> AskAsync(IHostConnection balancer, string command, bool readOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(balancer);
        ShellScript script = $"if command -v socat >/dev/null 2>&1; then printf '%s\\n' {command} | socat -t 10 - UNIX-CONNECT:{Socket}; else python3 -c {Python} {Socket} {command}; fi";
        var remote = new RemoteCommand(script) { IsReadOnly = readOnly, Timeout = TimeSpan.FromSeconds(30) };
        var result = await balancer.RunAsync(remote, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"haproxy's runtime socket {Socket} on {balancer.HostName} did not answer '{command}' ({result.ExitText}): {result.StandardError.Trim()}",
                "is haproxy running with its admin socket (the haproxy role), and do commands run as root (become)?");
        }

        return result.StandardOutput;
    }
}
