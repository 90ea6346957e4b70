namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>ssh's host patterns: <c>*</c> and <c>?</c> wildcards, comma-separated lists, <c>!</c> negation, compared without case.</summary>
internal static class SshConfigPattern
{
    /// <summary>Whether a <c>Host</c> line with <paramref name="patterns"/> applies to <paramref name="host"/>: one pattern matches and no negated one does.</summary>
    public static bool HostMatches(IEnumerable<string> patterns, string host)
    {
        var matched = false;
        foreach (var pattern in patterns.SelectMany(p => p.Split(',')))
        {
            var negated = pattern.StartsWith('!');
            if (Matches(negated ? pattern[1..] : pattern, host))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    /// <summary>Whether <paramref name="text"/> matches the wildcard <paramref name="pattern"/> (whole text, case-insensitive).</summary>
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
