using System.CommandLine;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Reporting;
using FooBar.Provision.Variables;
using FooBar.Provision.Verification;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision verify INVENTORY</c>: check each host's site as a browser reaches it (DNS points at the host, the page answers), and each database replica's replication (over SSH, read-only).</summary>
internal static class VerifyCommand
{
    // Relaxed escaping keeps HTML snippets readable ("<title>", not "\u003Ctitle\u003E"); the document is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, TypeInfoResolver = CliJson.Default };

    public static Command Create(CliContext context) => Create(
        context,
        (server, timeout) => server is null ? new SystemDnsResolver(timeout) : new DnsServerResolver(server, timeout),
        SiteHttpHandlers.Create);

    /// <summary>The verb with its outside world given: <paramref name="resolvers"/> gets the --dns-server (or null) and the timeout,
    /// <paramref name="handlers"/> whether to accept any certificate and the timeout. Tests pass fakes.</summary>
    internal static Command Create(CliContext context, Func<IPEndPoint?, TimeSpan, IDnsResolver> resolvers, Func<bool, TimeSpan, HttpMessageHandler> handlers)
    {
        var arguments = new RunArguments();
        var dnsServer = new Option<string?>("--dns-server")
        {
            Description = "Resolve names by asking only this DNS server (one A query each, over UDP, again over TCP when the answer is truncated) instead of the system resolver.",
            HelpName = "IP[:PORT]",
        };
        dnsServer.Validators.Add(result =>
        {
            try
            {
                DnsServerResolver.ParseServer(result.GetValueOrDefault<string?>() ?? "");
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
            }
        });
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each DNS answer and each HTTP response.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 10,
        };
        timeout.Validators.Add(result =>
        {
            if (CliOptions.Converted<int>(result) < 1)
            {
                result.AddError("--timeout must be at least 1 second.");
            }
        });
        var command = arguments.AddTo(
            new Command("verify", "Check each host's site as a browser would reach it: its 'domain' (and 'domain_aliases') must resolve to the host's address, and a GET through that address with the name as Host header must return verify_status (200) and contain verify_text ('Hello from {domain}'). For a database replica (mysql_primary names another host): both replication threads run and it catches up with the primary (over SSH). Read-only. Exit 0 all passed, 1 a check failed, 3 bad input."),
            arguments.Limit, arguments.Slice, arguments.Vars, dnsServer, timeout, arguments.Forks, arguments.Output, arguments.NoColor);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var server = parseResult.GetValue(dnsServer) is { } text ? DnsServerResolver.ParseServer(text) : null;
            var seconds = TimeSpan.FromSeconds(parseResult.GetValue(timeout));
            return RunAsync(context, arguments.Read(parseResult), resolvers(server, seconds), handlers, seconds, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, IDnsResolver resolver, Func<bool, TimeSpan, HttpMessageHandler> handlers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var inventory = await InventoryLoading.LoadAsync(context, context.Services.Catalog(), settings, "verify").ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        using var handler = handlers(false, timeout);
        using var insecureHandler = handlers(true, timeout);
        var options = new SiteVerifierOptions { Timeout = timeout, InsecureHandler = insecureHandler, MaxParallelHosts = settings.Forks };
        VerifyReport report;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            report = await new SiteVerifier(resolver, handler, options).VerifyAsync(inventory.Hosts, cancellationToken).ConfigureAwait(false);
            var replication = await VerifyReplication.RunAsync(context, inventory, settings.Forks, timeout, cancellationToken).ConfigureAwait(false);
            report = report with { Replication = replication, Duration = clock.Elapsed };
        }
        catch (VariableException e)
        {
            await context.Stderr.WriteLineAsync($"{e.Message}\n  hint: {e.Hint}\nprovision: 1 problem found; no host was contacted.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using var stdout = new MaskingTextWriter(context.Stdout, inventory.Masker);
        if (settings.Output == OutputFormat.Json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(VerifyJson.ToDocument(report), Json)).ConfigureAwait(false);
        }
        else
        {
            WriteText(stdout, report, Views.UseColor(settings, context.Services) ? new Ansi(true) : Ansi.None);
        }

        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return report.ExitCode;
    }

    private static void WriteText(TextWriter output, VerifyReport report, Ansi ansi)
    {
        var hostWidth = ListingWriter.HostWidth(report.Hosts.Select(h => h.Host));
        var nameWidth = report.Checks.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
        var statusWidth = report.Checks.Select(c => c.StatusName.Length).DefaultIfEmpty(0).Max();
        foreach (var host in report.Hosts)
        {
            if (host.Skipped)
            {
                output.WriteLine($"{host.Host.PadRight(hostWidth)}  {ansi.Dim($"skipped ({host.SkipReason})")}");
            }

            foreach (var check in host.Checks)
            {
                var status = check.StatusName.PadRight(statusWidth);
                output.WriteLine($"{check.Host.PadRight(hostWidth)}  {check.Name.PadRight(nameWidth)}  {(check.Passed ? ansi.Green(status) : ansi.Red(status))}  {check.Message}");
                if (check.Warning is not null)
                {
                    output.WriteLine(ansi.Yellow($"WARNING {check.Warning}"));
                }
            }
        }

        VerifyReplication.WriteChecks(output, report, hostWidth, ansi);
        output.WriteLine();
        output.WriteLine(ansi.Bold("RECAP"));
        foreach (var host in report.Hosts)
        {
            var counts = host.Skipped ? "skipped" : $"passed={host.Checks.Count(c => c.Passed)} failed={host.Checks.Count(c => !c.Passed)}";
            var seconds = ListingWriter.Seconds(host.Checks.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));
            output.WriteLine($"{host.Host.PadRight(hostWidth)}  {counts}  {seconds}{(host.StatusName == "failed" ? "  " + ansi.Red("FAILED") : "")}");
            if (VerifyReplication.RecapOf(report, host.Host, hostWidth, ansi) is { } replica)
            {
                output.WriteLine(replica);
            }
        }

        var hosts = report.Hosts.Count == 1 ? "1 host" : $"{report.Hosts.Count} hosts";
        var checks = report.Checks.Count == 1 ? "1 check" : $"{report.Checks.Count} checks";
        var skipped = report.SkippedCount == 0 ? "" : $", {report.SkippedCount} host(s) skipped";
        var failed = report.FailedCount + report.Replication.Count(r => !r.Passed);
        var outcome = report.AnyFailed ? ansi.Red($"{failed} failed") + $" (exit {report.ExitCode})" : ansi.Green("all passed");
        output.WriteLine($"verify of {hosts} finished in {ListingWriter.Seconds(report.Duration)}: {checks}, {report.PassedCount} passed{skipped}{VerifyReplication.Summary(report)}; {outcome}");
    }

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3, MidpointRounding.AwayFromZero);
}
