using System.CommandLine;

namespace FooBar.Provision.Cli.Commands;

/// <summary>
/// Flags written with a value that is not <c>true</c> or <c>false</c> (<c>--verbose=abc</c>, <c>--become=yes</c>).
/// System.CommandLine reads such a value as the next argument, so <c>provision run INV --become=abc -- uptime</c> would
/// run <c>abc uptime</c> on every host, and <c>PROVISION_VERBOSE=2</c> would make <c>2</c> the inventory: refused instead.
/// </summary>
internal static class FlagValues
{
    /// <summary>Each flag of the verb that <paramref name="args"/> (before <c>--</c>) gives a value other than true or false, with the message.</summary>
    public static IReadOnlyList<(Option Option, string Message)> Problems(ParseResult parsed, IReadOnlyList<string> args)
    {
        var flags = parsed.CommandResult.Command.Options.Where(o => o.ValueType == typeof(bool)).ToArray();
        var problems = new List<(Option, string)>();
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            var split = arg.IndexOfAny(['=', ':']);
            if (split <= 0 || flags.FirstOrDefault(f => f.Name == arg[..split] || f.Aliases.Contains(arg[..split])) is not { } flag)
            {
                continue;
            }

            var value = arg[(split + 1)..];
            if (!bool.TryParse(value, out _))
            {
                var shown = FooBar.Provision.Inventory.Printable.Clip(value, 40);
                problems.Add((flag, $"{flag.Name} is a flag: write it alone (or ={bool.TrueString.ToLowerInvariant()}/={bool.FalseString.ToLowerInvariant()}), not with the value '{shown}'."));
            }
        }

        return problems;
    }
}
