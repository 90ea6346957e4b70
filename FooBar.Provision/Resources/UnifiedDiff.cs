using System.Text;

namespace FooBar.Provision.Resources;

/// <summary>A line-based unified diff (as <c>diff -u</c> prints it) for plans.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;
    private const int MaxLines = 4000;

    /// <summary>The unified diff of <paramref name="before"/> → <paramref name="after"/>, or an empty string when they are equal.</summary>
    public static string Create(string before, string after, string path)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before == after)
        {
            return "";
        }

        var a = SplitLines(before);
        var b = SplitLines(after);
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return $"--- {path}\n+++ {path}\n(file too large to diff: {a.Length} → {b.Length} lines)\n";
        }

        var edits = Edits(a, b);
        var output = new StringBuilder().Append("--- ").Append(path).Append(" (current)\n+++ ").Append(path).Append(" (desired)\n");
        foreach (var hunk in Hunks(edits))
        {
            AppendHunk(output, edits, hunk.Start, hunk.End);
        }

        return output.ToString();
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    // An edit script from the longest common subsequence: ' ' keeps, '-' removes, '+' adds.
    private static List<(char Op, string Line, int OldNo, int NewNo)> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<(char, string, int, int)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x], ++x, ++y));
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                edits.Add(('+', b[y], x, ++y));
            }
            else
            {
                edits.Add(('-', a[x], ++x, y));
            }
        }

        return edits;
    }

    private static IEnumerable<(int Start, int End)> Hunks(List<(char Op, string Line, int OldNo, int NewNo)> edits)
    {
        var changed = Enumerable.Range(0, edits.Count).Where(i => edits[i].Op != ' ').ToList();
        var index = 0;
        while (index < changed.Count)
        {
            var start = Math.Max(0, changed[index] - Context);
            var end = Math.Min(edits.Count - 1, changed[index] + Context);
            while (index + 1 < changed.Count && changed[index + 1] - Context <= end + 1)
            {
                index++;
                end = Math.Min(edits.Count - 1, changed[index] + Context);
            }

            yield return (start, end);
            index++;
        }
    }

    private static void AppendHunk(StringBuilder output, List<(char Op, string Line, int OldNo, int NewNo)> edits, int start, int end)
    {
        var slice = edits.GetRange(start, end - start + 1);
        var oldCount = slice.Count(e => e.Op != '+');
        var newCount = slice.Count(e => e.Op != '-');
        var oldStart = oldCount == 0 ? slice[0].OldNo : slice.First(e => e.Op != '+').OldNo;
        var newStart = newCount == 0 ? slice[0].NewNo : slice.First(e => e.Op != '-').NewNo;
        output.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var edit in slice)
        {
            output.Append(edit.Op).Append(edit.Line).Append('\n');
        }
    }
}
