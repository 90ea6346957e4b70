using System.Text;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Inventory;

/// <summary>
/// The <c>--limit</c> language, as ansible's: comma-separated patterns, each a host or group name, a glob
/// (<c>web*</c>, <c>db?</c>, <c>lab[12]</c>), a regular expression (<c>~web\d+</c>), <c>all</c>, or <c>@FILE</c>
/// (one pattern per line); <c>!</c> before a pattern excludes its hosts, <c>&amp;</c> keeps only hosts it also matches.
/// </summary>
/// <remarks>
/// Order does not matter: the union of the plain patterns (every host when there is none) is intersected with each
/// <c>&amp;</c> pattern, then each <c>!</c> pattern is taken away; hosts keep their inventory order. A pattern that
/// matches no host, or a selection left empty, is an error (exit 3), never a silent run on nothing.
/// </remarks>
internal static class HostPatterns
{
    private const int MaxFileBytes = 1024 * 1024;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The hosts of <paramref name="model"/> that <paramref name="limit"/> selects, in inventory order.</summary>
    /// <exception cref="InventoryException">Every pattern that matches nothing or cannot be read, or an empty selection.</exception>
    public static IReadOnlyList<HostEntry> Select(InventoryModel model, string limit)
    {
        var errors = new List<InventoryError>();
        var terms = Terms(limit, errors);
        if (terms.Count == 0 && errors.Count == 0)
        {
            // A limit that names nothing (blank, ",", an empty @FILE of failed hosts) is a mistake, never "every host".
            throw new InventoryException([new InventoryError(InventoryLoader.CommandLine, $"--limit '{Printable.Clip(limit, 80)}' holds no host or group pattern", "name hosts or groups (--limit web1,db), or leave --limit out to select every host; an @FILE must list at least one pattern")]);
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        var anyIncluded = false;
        var intersections = new List<HashSet<string>>();
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, where) in terms)
        {
            var (kind, pattern) = text[0] is '!' or '&' ? (text[0], text[1..].Trim()) : ('+', text);
            var matched = Match(model, pattern, where, errors);
            if (matched is null)
            {
                continue;
            }

            switch (kind)
            {
                case '!': excluded.UnionWith(matched); break;
                case '&': intersections.Add(matched); break;
                default: included.UnionWith(matched); anyIncluded = true; break;
            }
        }

        if (errors.Count > 0)
        {
            throw new InventoryException(errors);
        }

        var selected = model.Hosts
            .Where(h => (!anyIncluded || included.Contains(h.Name)) && intersections.All(s => s.Contains(h.Name)) && !excluded.Contains(h.Name))
            .ToArray();
        if (selected.Length == 0 && terms.Count > 0)
        {
            throw new InventoryException([new InventoryError(InventoryLoader.CommandLine, $"--limit '{Printable.Clip(limit, 80)}' selects no host: every host its patterns match is excluded ('!') or left out by an intersection ('&')", "run 'provision check INVENTORY --limit ...' to list the hosts a limit selects, and loosen the '!' or '&' patterns")]);
        }

        return selected;
    }

    // The patterns of the limit, @FILE read in place; each with where it was written.
    private static List<(string Text, SourceLocation Where)> Terms(string limit, List<InventoryError> errors)
    {
        var terms = new List<(string, SourceLocation)>();
        foreach (var part in Split(limit))
        {
            if (!part.StartsWith('@'))
            {
                terms.Add((part, InventoryLoader.CommandLine));
                continue;
            }

            var path = part[1..];
            var text = ReadFile(path, errors);
            var lines = text?.Split('\n') ?? [];
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                foreach (var inner in line.StartsWith('#') ? [] : Split(line))
                {
                    if (inner.StartsWith('@'))
                    {
                        errors.Add(new InventoryError(new SourceLocation(path, i + 1, 1), $"--limit file names another file ('{Printable.Clip(inner, 80)}'), which a limit file may not", "list host and group patterns in the file, one or more per line"));
                    }
                    else
                    {
                        terms.Add((inner, new SourceLocation(path, i + 1, 1)));
                    }
                }
            }
        }

        return terms;
    }

    private static IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? ReadFile(string path, List<InventoryError> errors)
    {
        var kind = path.Length == 0 ? FileKind.Missing : FileKinds.Of(path);
        string? problem = kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing => "it does not exist",
            FileKind.Directory => "it is a directory",
            _ => "it is not a regular file",
        };
        if (problem is null)
        {
            try
            {
                return BoundedFile.ReadText(path, MaxFileBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = BoundedFile.Reason(e);
            }
        }

        errors.Add(new InventoryError(InventoryLoader.CommandLine, $"--limit @{Printable.Clip(path, 200)}: cannot read the file: {problem}", "write --limit @FILE with a file that lists host or group patterns, one or more per line"));
        return null;
    }

    // The host names one pattern matches, or null after adding an error.
    private static HashSet<string>? Match(InventoryModel model, string pattern, SourceLocation where, List<InventoryError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (pattern.Length == 0)
        {
            errors.Add(new InventoryError(where, "--limit has a '!' or '&' with no pattern after it", "write !PATTERN or &PATTERN, for example --limit 'web*,!web3'"));
            return null;
        }

        Func<string, bool> matches;
        if (pattern == "all")
        {
            matches = _ => true;
        }
        else if (pattern.StartsWith('~'))
        {
            if (Compile(pattern[1..], where, errors) is not { } regex)
            {
                return null;
            }

            matches = name => Matches(regex, name);
        }
        else if (pattern.AsSpan().IndexOfAny("*?[") >= 0)
        {
            var regex = new Regex(GlobToRegex(pattern), RegexOptions.CultureInvariant, RegexTimeout);
            matches = name => Matches(regex, name);
        }
        else
        {
            matches = name => name == pattern;
        }

        foreach (var (group, members) in model.Groups.Where(g => matches(g.Key)))
        {
            names.UnionWith(members);
        }

        names.UnionWith(model.Hosts.Where(h => matches(h.Name)).Select(h => h.Name));
        if (names.Count == 0)
        {
            var emptyGroup = model.Groups.Any(g => matches(g.Key));
            var message = emptyGroup
                ? $"--limit pattern '{Printable.Clip(pattern, 80)}' names only groups with no hosts"
                : $"--limit pattern '{Printable.Clip(pattern, 80)}' matches no host or group of this inventory";
            var known = model.Hosts.Select(h => h.Name).Concat(model.Groups.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            errors.Add(new InventoryError(where, message, Suggestions.Hint(pattern, known, "hosts and groups")));
            return null;
        }

        return names;
    }

    private static Regex? Compile(string pattern, SourceLocation where, List<InventoryError> errors)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            errors.Add(new InventoryError(where, $"--limit pattern '~{Printable.Clip(pattern, 80)}' is not a valid regular expression: {e.Message}", "write ~REGEX with a .NET regular expression, for example ~'^web[0-9]+$'"));
            return null;
        }
    }

    // A regular expression matches where it finds itself in the name (ansible's re.match anchors only at the start: so does this).
    private static bool Matches(Regex regex, string name)
    {
        try
        {
            return regex.Match(name) is { Success: true, Index: 0 };
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // fnmatch: * any run, ? one character, [abc] / [a-z] / [!abc] a class; the whole name must match.
    internal static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            var close = c == '[' ? glob.IndexOf(']', i + 2) : -1;
            if (c == '*')
            {
                regex.Append(".*");
            }
            else if (c == '?')
            {
                regex.Append('.');
            }
            else if (close > 0)
            {
                var set = glob[(i + 1)..close];
                var negated = set.StartsWith('!');
                regex.Append('[').Append(negated ? "^" : "").Append(Regex.Escape(negated ? set[1..] : set).Replace("\\-", "-", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
