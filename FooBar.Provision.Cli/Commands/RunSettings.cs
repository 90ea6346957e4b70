using FooBar.Provision.Cli.Rendering;

namespace FooBar.Provision.Cli.Commands;

/// <summary>What the command line asked for, parsed.</summary>
internal sealed record RunSettings(string InventoryPath)
{
    public bool DryRun { get; init; }

    public string? Limit { get; init; }

    /// <summary>The --roles filter, or null for all roles.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    public int Forks { get; init; } = 10;

    public IReadOnlyList<string> Vars { get; init; } = [];

    public OutputFormat Output { get; init; } = OutputFormat.Text;

    public bool Verbose { get; init; }

    public bool NoColor { get; init; }
}
