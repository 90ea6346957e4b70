using System.CommandLine;
using System.CommandLine.Invocation;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli;

/// <summary>Builds the <c>provision</c> command line and runs it against the given writers and services.</summary>
internal static class CliApp
{
    /// <summary>128 + SIGINT: the run was cancelled.</summary>
    private const int Interrupted = 130;

    /// <summary>How every command line is parsed: words are taken as written, never as response files.</summary>
    /// <remarks>
    /// System.CommandLine reads a word that starts with <c>@</c> as a file of more words before any option sees it, so
    /// <c>--limit @FILE</c> never reached the limit's own reader (which refuses a FIFO, a device and files over 1 MiB):
    /// <c>--limit @/dev/zero</c> crashed with a stack trace, <c>--limit @FIFO</c> hung for good and a file with a
    /// comment or a comma list was split into unknown arguments.
    /// </remarks>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>Builds the root command with every verb of <see cref="Program.Verbs"/>.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "provision: converge Linux hosts over SSH into the state an inventory declares (agentless, idempotent roles in C#).\n" +
            "Start with 'provision check INVENTORY', then 'provision plan INVENTORY', then 'provision apply INVENTORY'.");
        foreach (var verb in Program.Verbs)
        {
            root.Add(verb(context));
        }

        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    /// <remarks>A command line that does not parse (unknown option, missing argument) exits with <see cref="ExitCodes.BadInput"/>.</remarks>
    /// <param name="signalExitCode">The exit code the signal that cancelled the run asks for (143 for SIGTERM), when known.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliServices services, Func<int?>? signalExitCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr, services);
        var parseResult = BuildRootCommand(context).Parse(args, Parsing);
        // Program handles Ctrl+C and SIGTERM itself (TerminationSignals): the run must end through the token and clean up.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        var flagProblems = Commands.FlagValues.Problems(parseResult, args);
        if (parseResult.Action is not ParseErrorAction && flagProblems.Count == 0)
        {
            try
            {
                return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await InterruptedAsync(args, parseResult, stdout, stderr, signalExitCode?.Invoke() ?? Interrupted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last resort, not the fix: every known kind of bad input has its own message and exit 3.
                return await InternalErrorAsync(parseResult, stdout, stderr, e).ConfigureAwait(false);
            }
        }

        var messages = flagProblems.Select(p => p.Message).Concat(parseResult.Errors.Select(Described)).Distinct().ToArray();
        foreach (var message in messages)
        {
            await stderr.WriteLineAsync(message).ConfigureAwait(false);
        }

        var verb = parseResult.CommandResult.Command is RootCommand ? "" : parseResult.CommandResult.Command.Name + " ";
        var typos = Commands.TypoHints.For(parseResult);
        foreach (var typo in typos)
        {
            await stderr.WriteLineAsync($"  hint: {typo}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"  hint: run 'provision {verb}--help' to see the arguments and options").ConfigureAwait(false);
        if (WantsJson(args))
        {
            var hint = string.Join("; ", typos.Append($"run 'provision {verb}--help' to see the arguments and options"));
            var errors = messages.Select(m => new Inventory.InventoryError(new Inventory.SourceLocation("<command line>", 0, 0), m, hint)).ToArray();
            await Rendering.JsonErrors.WriteAsync(stdout, verb.Trim(), ExitCodes.BadInput, errors).ConfigureAwait(false);
        }

        return ExitCodes.BadInput;
    }

    // A parse error names its option ("--output: Argument 'yaml' not recognized..."): System.CommandLine's own message
    // for a value outside a list, or a flag given a value, does not.
    private static string Described(System.CommandLine.Parsing.ParseError error)
    {
        for (var result = error.SymbolResult; result is not null; result = result.Parent)
        {
            if (result is System.CommandLine.Parsing.OptionResult { Option: var option })
            {
                return error.Message.Contains(option.Name, StringComparison.Ordinal) ? error.Message : $"{option.Name}: {error.Message}";
            }
        }

        return error.Message;
    }

    // --output json (or -o json, --output=json) as the user wrote it, for a command line that did not parse.
    internal static bool WantsJson(string[] args) =>
        args.Any(a => a is "--output=json" or "-o=json" or "-ojson")
        || args.Zip(args.Skip(1)).Any(p => p.First is "--output" or "-o" && p.Second == "json");

    // A run ended by Ctrl+C or SIGTERM: one line on stderr and, for --output json, still one valid document.
    private static async Task<int> InterruptedAsync(string[] args, ParseResult parseResult, TextWriter stdout, TextWriter stderr, int exitCode)
    {
        var (message, hint) = Interruption(parseResult.CommandResult.Command.Name);
        await stderr.WriteLineAsync($"provision: {message}\n  hint: {hint}").ConfigureAwait(false);
        if (WantsJson(args))
        {
            var verb = parseResult.CommandResult.Command.Name;
            await Rendering.JsonErrors.WriteAsync(stdout, verb, exitCode, [new Inventory.InventoryError(new Inventory.SourceLocation("", 0, 0), "provision: " + message, hint)]).ConfigureAwait(false);
        }

        return exitCode;
    }

    // What an interrupted verb leaves: only apply and rollback change hosts through the journal; run's command is ended
    // where it still ran; the others only read (before, an interrupted plan or run told to finish the job with apply).
    private static (string Message, string Hint) Interruption(string verb) => verb switch
    {
        "run" => (
            "interrupted: the run was cancelled; the command was ended on the hosts still running it (what it did before stays)",
            "run the command again when you are ready: provision run INVENTORY -- COMMAND"),
        "plan" or "facts" or "verify" or "check" => (
            $"interrupted: the run was cancelled; nothing was changed ('{verb}' only reads)",
            $"run 'provision {verb}' again"),
        _ => (
            "interrupted: the run was cancelled; changes already made stay, and handlers they owe are recorded in the host's journal",
            "run 'provision plan' to see what is still pending, then 'provision apply' to finish the job"),
    };

    private static async Task<int> InternalErrorAsync(ParseResult parseResult, TextWriter stdout, TextWriter stderr, Exception e)
    {
        // Only the exception's type: its message may quote a value (a secret) that no masker has seen.
        var message = $"internal error ({e.GetType().Name}); nothing more is shown, so that no value of the inventory leaks";
        const string hint = "this is a bug in provision: report it with the command line (never the secrets); run 'provision check' to rule out bad input";
        await stderr.WriteLineAsync($"provision: {message}\n  hint: {hint}").ConfigureAwait(false);
        var output = parseResult.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--output");
        if (output is not null && parseResult.GetResult(output) is { } result && result.Tokens.Any(t => t.Value == "json"))
        {
            var verb = parseResult.CommandResult.Command.Name;
            await Rendering.JsonErrors.WriteAsync(stdout, verb, ExitCodes.InternalError, [new Inventory.InventoryError(new Inventory.SourceLocation("", 0, 0), "provision: " + message, hint)]).ConfigureAwait(false);
        }

        return ExitCodes.InternalError;
    }
}
