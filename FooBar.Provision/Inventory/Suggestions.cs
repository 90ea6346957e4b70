namespace FooBar.Provision.Inventory;

/// <summary>Builds "did you mean" hints from a misspelt name and the names that are allowed.</summary>
internal static class Suggestions
{
    // A hint lists a few names, not thousands: an inventory of many hosts would make every hint as long as the file.
    private const int MaxListed = 30;

    // Beyond this many names, no "did you mean": comparing each of thousands of wrong names with thousands of right ones is quadratic.
    private const int MaxCompared = 500;
    private const int MaxSuggestedLength = 64;

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="name"/> when it is a likely typo, else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length <= 2 ? 0 : name.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var list = candidates as IReadOnlyCollection<string> ?? [.. candidates];
        if (name.Length > MaxSuggestedLength || list.Count > MaxCompared)
        {
            return null;
        }

        // Only names of about the same length can be that close: the edit distance of the others is not computed.
        foreach (var candidate in list.Where(c => Math.Abs(c.Length - name.Length) <= limit))
        {
            var distance = Distance(name, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>A hint such as <c>did you mean 'address'? allowed keys: address, port</c>.</summary>
    public static string Hint(string name, IReadOnlyCollection<string> candidates, string listLabel)
    {
        var shown = candidates.Take(MaxListed).Select(c => Printable.Clip(c, MaxSuggestedLength));
        var more = candidates.Count > MaxListed ? $", … ({candidates.Count - MaxListed} more)" : "";
        var list = candidates.Count == 0 ? $"there are no {listLabel}" : $"{listLabel}: {string.Join(", ", shown)}{more}";
        return Closest(name, candidates) is { } closest ? $"did you mean '{closest}'? {list}" : list;
    }

    /// <summary>Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
