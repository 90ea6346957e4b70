namespace FooBar.Provision.Inventory;

/// <summary>Builds "did you mean" hints from a misspelt name and the names that are allowed.</summary>
internal static class Suggestions
{
    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="name"/> when it is a likely typo, else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length <= 2 ? 0 : name.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
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
        var list = candidates.Count == 0 ? $"there are no {listLabel}" : $"{listLabel}: {string.Join(", ", candidates)}";
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
