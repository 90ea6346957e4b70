using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>Splits ssh_config text into directives as ssh does: <c>Keyword args</c> or <c>Keyword=args</c>, <c>#</c> comments, double quotes.</summary>
internal static class SshConfigText
{
    /// <summary>The directives of <paramref name="text"/> read from <paramref name="file"/>; a line ssh would refuse is returned as a problem.</summary>
    public static (IReadOnlyList<SshConfigLine> Lines, IReadOnlyList<InventoryError> Problems) Parse(string text, string file)
    {
        var lines = new List<SshConfigLine>();
        var problems = new List<InventoryError>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var location = new SourceLocation(file, number, 1);
            var end = 0;
            while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] != '=')
            {
                end++;
            }

            var keyword = line[..end];
            var rest = line[end..].TrimStart();
            if (rest.StartsWith('='))
            {
                rest = rest[1..];
            }

            var (arguments, problem) = Words(rest);
            problem ??= Missing(keyword.ToLowerInvariant(), arguments);
            if (problem is not null)
            {
                problems.Add(new InventoryError(location, $"ssh config: {problem} in '{Printable.Clip(line, 80)}'", "fix the line (give the keyword its value) or remove it: ssh refuses it too"));
                continue;
            }

            // Match all "" is Match all to ssh.
            lines.Add(new SshConfigLine(keyword.ToLowerInvariant(), keyword, keyword.Equals("match", StringComparison.OrdinalIgnoreCase) ? [.. arguments.Where(a => a.Length > 0)] : arguments, location));
        }

        return (lines, problems);
    }

    // What ssh refuses in any line, whether its block applies or not and whatever the keyword ("no argument after keyword",
    // "empty argument"): an empty Host line silently ended the block before it, so the lines after it applied to no host.
    // ProxyJump "" and Match with one real attribute are the exceptions ssh accepts (OpenSSH 9.2, ssh -G).
    private static string? Missing(string keyword, List<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return $"no argument after keyword '{keyword}'";
        }

        var empty = arguments.Any(a => a.Length == 0);
        return empty && keyword != "proxyjump" && (keyword != "match" || arguments.All(a => a.Length == 0)) ? "an empty argument (\"\")" : null;
    }

    // Arguments split at white space; "double quotes" keep spaces; a word starting with '#' ends the line (OpenSSH 8.7+).
    private static (List<string> Words, string? Problem) Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '#')
            {
                break;
            }

            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return (words, "an unterminated quote");
                }

                words.Add(text[(i + 1)..close]);
                i = close + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            words.Add(text[start..i]);
        }

        return (words, null);
    }
}
