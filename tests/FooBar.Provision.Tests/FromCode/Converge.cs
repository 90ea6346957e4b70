using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.FromCode;

/// <summary>The program of docs/from-code.md, verbatim (<see cref="FromCodeGuideTests"/> checks that every snippet of the page is here and runs it).</summary>
internal static class Converge
{
    public static async Task<int> RunAsync(string inventoryPath, IConnectionFactory connections, TextWriter output, CancellationToken cancellationToken = default)
    {
        var catalog = BuiltInRoles.Catalog();            // .Add(new RedisRole()) for a role of your own
        try
        {
            var inventory = new InventoryLoader(catalog.Requirements()).Load(inventoryPath);
            var hosts = inventory.Select(null);              // or --limit's patterns: "web,!web3", "lab[12]"
            var engine = new ProvisionEngine(catalog, connections);
            var options = new RunOptions { InventoryDirectory = inventory.Directory, Forks = 10 };

            var plan = await engine.RunAsync(hosts, options with { DryRun = true }, cancellationToken: cancellationToken);
            foreach (var host in plan.Hosts)
            {
                await output.WriteLineAsync($"{host.Host}: {host.PendingCount} change(s) pending");
                foreach (var change in host.Resources.Where(r => r.Status == ResourceStatus.Pending))
                {
                    await output.WriteLineAsync($"  {change.Id}: {change.Summary}");   // change.Diff: a file's unified diff, secrets masked
                }
            }

            if (!plan.AnyPending || plan.AnyFailed)
            {
                return plan.ExitCode;                        // 0 nothing to do, 1 a host failed (unreachable, a probe failed)
            }

            var applied = await engine.RunAsync(hosts, options, cancellationToken: cancellationToken);
            foreach (var host in applied.Hosts)
            {
                await output.WriteLineAsync($"{host.Host}: {host.Status} ok={host.OkCount} changed={host.ChangedCount} failed={host.FailedCount} round_trips={host.RoundTrips}");
                foreach (var handler in host.Handlers)
                {
                    await output.WriteLineAsync($"  handler {handler.Name}: {handler.Status}");
                }

                if (host.Error is { } error)
                {
                    await output.WriteLineAsync($"  error: {error}");
                }
            }

            return applied.ExitCode;                         // 0 applied, 1 a host failed
        }
        catch (InventoryException e)                         // bad inventory or variables: nothing was contacted
        {
            foreach (var problem in e.Errors)
            {
                await output.WriteLineAsync(problem.ToString());  // file:line:column: what, and a hint: what to do
            }

            return ExitCodes.BadInput;
        }
    }

    /// <summary>The caller of the page: compiled, never run here (it connects to the lab).</summary>
    public static async Task<int> MainAsync()
    {
        await using var connections = new TransportConnectionFactory();   // each host's transport: SSH.NET, or OpenSSH
        return await Converge.RunAsync("inventory/lab.yaml", connections, Console.Out);
    }
}
