using System.CommandLine;
using System.CommandLine.Parsing;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using Microsoft.Extensions.Configuration;

namespace FooBar.Provision.Cli;

/// <summary>The built-in <c>provision</c> tool: every verb with the built-in roles, and no generic host.</summary>
/// <remarks>
/// For a program with roles and services of its own, use <see cref="ProvisionApplication.CreateBuilder"/>: the same
/// command line, built on Microsoft.Extensions.Hosting. Both read <c>provision.json</c> and <c>PROVISION_*</c>
/// variables (docs/hosting.md); this one only when one of them is there, so its usual start loads no configuration code.
/// </remarks>
public static class ProvisionCommandLine
{
    /// <summary>Runs <c>provision</c> with <paramref name="args"/> on the console; Ctrl+C and SIGTERM end the run cleanly.</summary>
    /// <returns>The process exit code: 0 converged or applied, 1 a host failed, 2 changes pending (plan), 3 bad input, 130/143 interrupted.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var signals = new TerminationSignals();
        var services = CliServices.CreateDefault();
        var exitCode = ProvisionSettings.ArePresent(Directory.GetCurrentDirectory())
            ? await RunConfiguredAsync(args, Console.Out, Console.Error, services, () => signals.ExitCode, signals.Token).ConfigureAwait(false)
            : await CliApp.RunAsync(args, Console.Out, Console.Error, services, () => signals.ExitCode, signals.Token).ConfigureAwait(false);
        return signals.ExitCode ?? exitCode;
    }

    // Kept apart so that the usual start (no provision.json, no PROVISION_* variable) never loads the configuration assemblies.
    private static async Task<int> RunConfiguredAsync(string[] args, TextWriter stdout, TextWriter stderr, CliServices services, Func<int?> signalExitCode, CancellationToken cancellationToken)
    {
        IConfiguration configuration;
        try
        {
            configuration = ProvisionSettings.Load(Directory.GetCurrentDirectory());
        }
        catch (ProvisionException e)
        {
            return await BadSettingsAsync(args, stdout, stderr, e.Message, e.Hint ?? "").ConfigureAwait(false);
        }

        return await RunAsync(args, stdout, stderr, services, configuration, signalExitCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the command line with the options <paramref name="configuration"/> gives where <paramref name="args"/> does not.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliServices services, IConfiguration configuration, Func<int?>? signalExitCode, CancellationToken cancellationToken)
    {
        var root = CliApp.BuildRootCommand(new CliContext(stdout, stderr, services));
        var own = root.Parse(args, CliApp.Parsing);
        if (own.Errors.Count > 0 || Commands.FlagValues.Problems(own, args).Count > 0)
        {
            // The command line itself is wrong (--verbose=, --forks=abc): said as the command line's problem, not blamed on a
            // setting that happens to be there; no option is required, so no setting could have made it right.
            return await CliApp.RunAsync(args, stdout, stderr, services, signalExitCode, cancellationToken).ConfigureAwait(false);
        }

        var (configured, added) = ConfiguredOptions.Apply(root, args, configuration);
        if (added.Count > 0 && BadSettings(root.Parse(configured, CliApp.Parsing), configured, added) is { } message)
        {
            return await BadSettingsAsync(configured, stdout, stderr, message, "fix or remove the setting (an option on the command line wins over it; see docs/hosting.md)").ConfigureAwait(false);
        }

        var sources = added.ToDictionary(a => a.Option, a => a.Source, StringComparer.Ordinal);
        return await CliApp.RunAsync(configured, stdout, stderr, services with { OptionSources = sources }, signalExitCode, cancellationToken).ConfigureAwait(false);
    }

    // The parse errors of the settings, each with the setting that caused it; null when the settings parse. The command
    // line parsed without errors before they were added, so an error no setting can be found for is theirs too: then all are listed.
    // A --var's value is never shown: it may be a password.
    private static string? BadSettings(ParseResult parsed, string[] args, IReadOnlyList<ConfiguredOption> added)
    {
        var errors = Commands.FlagValues.Problems(parsed, args).Select(p => (Option: (Option?)p.Option, p.Message)).Concat(parsed.Errors.Select(e => (Option: OptionOf(e.SymbolResult), e.Message))).ToArray();
        if (errors.Length == 0)
        {
            return null;
        }

        var problems = new List<string>();
        foreach (var (option, error) in errors)
        {
            var setting = option is null ? null : added.FirstOrDefault(a => a.Option == option.Name);
            problems.Add(setting is null ? error : $"{Describe(setting)}: {error}");
        }

        var unattributed = problems.Count(p => !added.Any(a => p.StartsWith(a.Source, StringComparison.Ordinal)));
        var message = "a setting from provision.json or a PROVISION_* variable is not valid: " + string.Join("; ", problems.Distinct());
        return unattributed == 0 ? message : message + "\n  set: " + string.Join(", ", added.Select(Describe));
    }

    private static string Describe(ConfiguredOption setting) =>
        $"{setting.Source} ({setting.Option}={(setting.Option == "--var" ? "(value not shown)" : string.Join(",", setting.Values))})";

    private static Option? OptionOf(SymbolResult? result)
    {
        for (; result is not null; result = result.Parent)
        {
            if (result is OptionResult option)
            {
                return option.Option;
            }
        }

        return null;
    }

    /// <summary>Reports a settings problem (exit 3), as one JSON document too when <c>--output json</c> was asked for.</summary>
    internal static async Task<int> BadSettingsAsync(string[] args, TextWriter stdout, TextWriter stderr, string message, string hint)
    {
        await stderr.WriteLineAsync($"provision: {message}\n  hint: {hint}").ConfigureAwait(false);
        if (CliApp.WantsJson(args))
        {
            var verb = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "";
            await Rendering.JsonErrors.WriteAsync(stdout, verb, ExitCodes.BadInput, [new InventoryError(new SourceLocation(ProvisionSettings.FileName, 0, 0), message, hint)]).ConfigureAwait(false);
        }

        return ExitCodes.BadInput;
    }
}
