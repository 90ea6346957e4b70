namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Whether a known_hosts host field names a host, as OpenSSH's match_hostname does: a comma list of patterns with
/// <c>*</c> and <c>?</c> (patterns compared in lower case), where a matching <c>!pattern</c> excludes the host whatever
/// else matches; or one hashed name (<c>|1|salt|hash</c>).
/// </summary>
internal static class HostPatterns
{
    private const int MaxPattern = 1023; // OpenSSH's buffer: a longer pattern matches nothing.

    /// <summary>True when <paramref name="hosts"/> names <paramref name="name"/> (already in lower case, as ssh makes it).</summary>
    public static bool Matches(string hosts, string name) =>
        hosts.StartsWith('|') ? HashedHostName.Matches(hosts, name) : MatchList(hosts, name) == 1;

    /// <summary>1 when a pattern of the list matches, -1 when a negated one does, 0 when none does.</summary>
    public static int MatchList(string patterns, string name)
    {
        var positive = false;
        var i = 0;
        while (i < patterns.Length)
        {
            var negated = patterns[i] == '!';
            if (negated)
            {
                i++;
            }

            var end = patterns.IndexOf(',', i);
            end = end < 0 ? patterns.Length : end;
            var pattern = patterns[i..end];
            if (pattern.Length >= MaxPattern)
            {
                return 0;
            }

            i = end + 1;
            if (Wildcard(name, AsciiLower(pattern)))
            {
                if (negated)
                {
                    return -1;
                }

                positive = true;
            }
        }

        return positive ? 1 : 0;
    }

    /// <summary>Lower-cases ASCII letters only, as C's tolower in OpenSSH does.</summary>
    public static string AsciiLower(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });

    /// <summary>OpenSSH's match_pattern: <c>*</c> is any run of characters, <c>?</c> any one; the rest compare exactly.</summary>
    public static bool Wildcard(string text, string pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]) && pattern[p] != '*')
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
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
