using System.CommandLine;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Cli.Commands;

/// <summary>The arguments of a verb that runs against an inventory; a verb adds the ones it takes and reads them back as <see cref="RunSettings"/>.</summary>
internal sealed class RunArguments
{
    public Argument<string> Inventory { get; } = CliOptions.Inventory();

    public Option<bool> DryRun { get; } = CliOptions.DryRun();

    public Option<string?> Limit { get; } = CliOptions.Limit();

    public Option<string?> Slice { get; } = CliOptions.Slice();

    public Option<string?> Roles { get; } = CliOptions.Roles();

    public Option<int> Forks { get; } = CliOptions.Forks();

    public Option<string?> Tags { get; } = CliOptions.Tags();

    public Option<string?> SkipTags { get; } = CliOptions.SkipTags();

    public Option<string[]> Vars { get; } = CliOptions.Vars();

    public Option<int> LockWait { get; } = CliOptions.LockWait();

    public Option<string?> StateDirectory { get; } = CliOptions.StateDirectory();

    public Option<string?> Transport { get; } = CliOptions.Transport();

    public Option<string> Output { get; } = CliOptions.Output();

    public Option<string?> Serial { get; } = RolloutOptions.Serial();

    public Option<int?> MaxFailPercentage { get; } = RolloutOptions.MaxFailPercentage();

    public Option<int> DrainTimeout { get; } = RolloutOptions.DrainTimeout();

    public Option<int> HealthTimeout { get; } = RolloutOptions.HealthTimeout();

    public Option<bool> Verbose { get; } = CliOptions.Verbose();

    public Option<bool> NoColor { get; } = CliOptions.NoColor();

    /// <summary>Adds the inventory argument and <paramref name="options"/> to <paramref name="command"/>.</summary>
    public Command AddTo(Command command, params Option[] options)
    {
        command.Add(Inventory);
        foreach (var option in options)
        {
            command.Add(option);
        }

        return command;
    }

    /// <summary>Reads the parsed values; an option the verb did not add keeps its default.</summary>
    public RunSettings Read(ParseResult result) => new(result.GetValue(Inventory) ?? "")
    {
        DryRun = Value(result, DryRun, false),
        Limit = Value(result, Limit, null),
        Slice = Value(result, Slice, null),
        Roles = Value(result, Roles, null) is { } roles ? roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
        Forks = Value(result, Forks, 10),
        Tags = CliOptions.SplitTags(Value(result, Tags, null)),
        SkipTags = CliOptions.SplitTags(Value(result, SkipTags, null)),
        Vars = Value(result, Vars, []) ?? [],
        LockWait = TimeSpan.FromSeconds(Value(result, LockWait, 120)),
        StateDirectory = Value(result, StateDirectory, null),
        Transport = Value(result, Transport, null) is { } transport ? InventoryParser.TryParseTransport(transport) : null,
        Output = Value(result, Output, "text") == "json" ? OutputFormat.Json : OutputFormat.Text,
        Serial = Value(result, Serial, null) is { } serial ? BatchSize.TryParse(serial, out _) : null,
        MaxFailPercentage = Value(result, MaxFailPercentage, null),
        DrainTimeout = TimeSpan.FromSeconds(Value(result, DrainTimeout, 30)),
        HealthTimeout = TimeSpan.FromSeconds(Value(result, HealthTimeout, 60)),
        Verbosity = Verbosity(result),
        NoColor = Value(result, NoColor, false),
    };

    // -v, -vv, -vvv (or -v -v, --verbose --verbose): how many times the option was written; --verbose=false is 0.
    private int Verbosity(ParseResult result) =>
        result.GetResult(Verbose) is { } given && result.GetValue(Verbose) ? Math.Min(Math.Max(1, given.IdentifierTokenCount), CliOptions.MaxVerbosity) : 0;

    private static T Value<T>(ParseResult result, Option<T> option, T fallback) =>
        result.GetResult(option) is null ? fallback : result.GetValue(option) ?? fallback;
}
