using System.CommandLine;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Cli.Commands;

/// <summary>"Did you mean" for a mistyped verb or option: each word the parser could not place, held against the verbs or the verb's options.</summary>
internal static class TypoHints
{
    /// <summary>One hint per unmatched word that is close to a verb or option, such as <c>'plna' is not a verb: did you mean 'plan'?</c>.</summary>
    public static IReadOnlyList<string> For(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var verbs = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)).ToArray();
        var options = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var hints = new List<string>();
        foreach (var token in result.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                var name = token.Split('=', 2)[0];
                if (Suggestions.Closest(name, options) is { } option)
                {
                    hints.Add($"'{Printable.Clip(name, 40)}' is not an option of '{Path(command)}': did you mean '{option}'?");
                }
            }
            else if (verbs.Length > 0 && !token.StartsWith('-') && Suggestions.Closest(token, verbs) is { } verb)
            {
                hints.Add($"'{Printable.Clip(token, 40)}' is not a verb: did you mean '{verb}'?");
            }
        }

        return hints;
    }

    private static string Path(Command command) => command is RootCommand ? "provision" : "provision " + command.Name;
}
