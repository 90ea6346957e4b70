using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision run INVENTORY [--limit ...] [--become] -- COMMAND [ARG...]</c>: one command on each host, in parallel.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var words = new Argument<string[]>("COMMAND")
        {
            Description = "The command and its arguments, after '--': each word reaches the host as one quoted word (for pipes or redirections: -- sh -c 'CMD | CMD').",
            Arity = ArgumentArity.OneOrMore,
        };
        var become = new Option<bool>("--become", "-b") { Description = "Run the command through sudo on every host, whatever the inventory's become says (its become_password is used when set)." };
        var timeout = CliOptions.Timeout();
        var command = arguments.AddTo(
            new Command("run", "Run one command on each selected host, in parallel (--forks), and print each host's output and exit code: provision run INVENTORY -- uptime. Not idempotent: the command runs as written. Exit 0 when it exited 0 on every host, 1 when it failed or could not run on any, 3 bad input (nothing contacted)."),
            arguments.Limit, arguments.Slice, arguments.Forks, arguments.Vars, arguments.Transport, arguments.Output, arguments.Verbose, arguments.NoColor, become, timeout);
        command.Add(words);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, arguments.Read(parseResult), parseResult, parseResult.GetValue(words) ?? [], parseResult.GetValue(become), parseResult.GetValue(timeout), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, ParseResult parseResult, string[] words, bool become, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        // Without '--' an option-like word of the command (ls -l) would be read as provision's own (--limit).
        if (!parseResult.Tokens.Any(t => t.Type == TokenType.DoubleDash))
        {
            return await BadInputAsync(context, settings, "the command to run must come after '--'", "write provision run INVENTORY [OPTIONS] -- COMMAND [ARG...], for example provision run inventory/lab.yaml -- uptime").ConfigureAwait(false);
        }

        // A word before '--' that System.CommandLine did not take as run's own option (--tags=x, --bogus, a typo) would be sent
        // to every host as the start of the command: refused instead.
        var afterDash = parseResult.Tokens.Count - 1 - parseResult.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        if (words.Length > afterDash)
        {
            var stray = words[..(words.Length - afterDash)];
            var what = stray[0].StartsWith('-') ? $"'{Printable.Clip(stray[0], 40)}' is not an option of run" : $"'{Printable.Clip(stray[0], 40)}' comes before '--'";
            return await BadInputAsync(context, settings, $"{what}: only run's own options go before '--', the command and its arguments after it", "run 'provision run --help' for run's options; write provision run INVENTORY [OPTIONS] -- COMMAND [ARG...]").ConfigureAwait(false);
        }

        var inventory = await InventoryLoading.LoadAsync(context, context.Services.Catalog(), settings, "run", checkVariables: false).ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        ShellScript script = $"{ShellWords.Of(words)}";
        var remote = new RemoteCommand(script);
        remote = timeoutSeconds is { } seconds ? remote.WithTimeout(TimeSpan.FromSeconds(seconds)) : remote;
        var hosts = become ? inventory.Hosts.Select(h => h with { Become = true }).ToArray() : inventory.Hosts;

        using var stdout = new MaskingTextWriter(context.Stdout, inventory.Masker);
        using var stderr = new MaskingTextWriter(context.Stderr, inventory.Masker);
        await using var scope = new ConnectionScope(context.Services.ConnectionFactory());
        var connections = settings.Verbosity > 0 ? new CommandLogConnectionFactory(scope.Factory, new CommandLog(stderr, inventory.Masker, Math.Max(2, settings.Verbosity))) : scope.Factory;
        var json = settings.Output == OutputFormat.Json;
        var listing = new AdHocListing(stdout, ListingWriter.HostWidth(hosts.Select(h => h.Name)), Views.UseColor(settings, context.Services) ? new Ansi(true) : Ansi.None);
        var clock = Stopwatch.StartNew();
        var results = await AdHocRun.RunAsync(connections, hosts, remote, settings.Forks, json ? _ => { } : listing.Host, cancellationToken).ConfigureAwait(false);
        var exitCode = results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.HostFailed;
        if (json)
        {
            await AdHocJson.WriteAsync(stdout, script.Text, results, clock.Elapsed, exitCode).ConfigureAwait(false);
        }
        else
        {
            listing.Summary(results, clock.Elapsed, exitCode);
        }

        return exitCode;
    }

    private static async Task<int> BadInputAsync(CliContext context, RunSettings settings, string message, string hint)
    {
        var errors = InventoryLoading.Attributed([new(InventoryLoader.CommandLine, message, hint)], context.Services.OptionSources);
        await InventoryLoading.WriteAsync(context.Stderr, errors).ConfigureAwait(false);
        if (settings.Output == OutputFormat.Json)
        {
            await JsonErrors.WriteAsync(context.Stdout, "run", ExitCodes.BadInput, errors).ConfigureAwait(false);
        }

        return ExitCodes.BadInput;
    }
}
