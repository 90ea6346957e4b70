using System.CommandLine;
using System.Diagnostics;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision facts INVENTORY</c>: gather and print each host's facts, one read-only round trip per host.</summary>
internal static class FactsCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var command = arguments.AddTo(
            new Command("facts", "Gather and print each host's facts (OS, version, init system, package manager, architecture, hostname): one read-only command per host, nothing is changed. Exit 0, 1 when a host could not be reached, 3 bad input."),
            arguments.Limit, arguments.Slice, arguments.Forks, arguments.Vars, arguments.Transport, arguments.Output, arguments.Verbose, arguments.NoColor);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, arguments.Read(parseResult), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var inventory = await InventoryLoading.LoadAsync(context, context.Services.Catalog(), settings, "facts", checkVariables: false).ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        using var stdout = new MaskingTextWriter(context.Stdout, inventory.Masker);
        using var stderr = new MaskingTextWriter(context.Stderr, inventory.Masker);
        await using var scope = new ConnectionScope(context.Services.ConnectionFactory());
        var factory = scope.Factory;
        // facts sends one command per host and shows all it learns: -v and -vv show that command's line, -vvv its script.
        var connections = settings.Verbosity > 0 ? new CommandLogConnectionFactory(factory, new CommandLog(stderr, inventory.Masker, Math.Max(2, settings.Verbosity))) : factory;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(settings.Forks);
        var hosts = await Task.WhenAll(inventory.Hosts.Select(async host =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await GatherAsync(connections, host, inventory.Masker, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var report = new RunReport(true, hosts, clock.Elapsed);

        if (settings.Output == OutputFormat.Json)
        {
            await JsonReport.WriteAsync(stdout, report, "facts", report.ExitCode).ConfigureAwait(false);
        }
        else
        {
            FactsListing.Write(stdout, report, Views.UseColor(settings, context.Services) ? new Ansi(true) : Ansi.None);
        }

        return report.ExitCode;
    }

    private static async Task<HostReport> GatherAsync(IConnectionFactory connections, HostEntry host, SecretMasker masker, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = connections.Open(host);
        await using (connection.ConfigureAwait(false))
        {
            HostReport Report(HostStatus status, HostFacts? facts, string? error = null) =>
                new(host.Name, status, facts, [], [], connection.RoundTrips, clock.Elapsed, error);
            try
            {
                return Report(HostStatus.Ok, await FactsGatherer.GatherAsync(connection, cancellationToken).ConfigureAwait(false));
            }
            catch (TransportException e)
            {
                return Report(HostStatus.Unreachable, null, masker.Mask(e.Message) + (e.Hint is null ? "" : $" (hint: {e.Hint})"));
            }
            catch (ProvisionException e)
            {
                return Report(HostStatus.Failed, null, masker.Mask(e.Message) + (e.Hint is null ? "" : $" (hint: {e.Hint})"));
            }
        }
    }
}
