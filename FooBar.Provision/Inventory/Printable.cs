using System.Globalization;
using System.Text;

namespace FooBar.Provision.Inventory;

/// <summary>Text that reaches a terminal: what may be printed as is, and how the rest is shown escaped.</summary>
/// <remarks>
/// Control characters (an escape sequence can rewrite a terminal), format characters (bidirectional overrides,
/// zero-width characters that make two names look alike), line and paragraph separators, unpaired surrogates,
/// private-use and unassigned characters are never printed raw.
/// </remarks>
internal static class Printable
{
    /// <summary>True when <paramref name="text"/> has no character that <see cref="Escape"/> would escape.</summary>
    public static bool IsPrintable(string text) => FirstUnprintable(text) < 0;

    /// <summary>The index of the first character that must not reach a terminal raw, or -1.</summary>
    public static int FirstUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsHidden(CharUnicodeInfo.GetUnicodeCategory(text, i)))
                {
                    return i;
                }

                i++;
            }
            else if (char.IsSurrogate(text[i]) || IsHidden(CharUnicodeInfo.GetUnicodeCategory(text[i])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The text with each unprintable character written as an escape (<c>\n</c>, <c>\t</c>, <c>\u001B</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="keepNewlines">Keep line feeds (for hints, which are ours and span lines).</param>
    public static string Escape(string text, bool keepNewlines = false)
    {
        if (FirstUnprintable(text) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
                builder.Append(IsHidden(category) ? $"\\u{{{char.ConvertToUtf32(c, text[i + 1]):X}}}" : text.AsSpan(i, 2));
                i++;
                continue;
            }

            var hidden = char.IsSurrogate(c) || IsHidden(CharUnicodeInfo.GetUnicodeCategory(c));
            builder.Append(!hidden || (keepNewlines && c == '\n') ? c.ToString() : c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:X4}",
            });
        }

        return builder.ToString();
    }

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>, escaped, with "…" when cut.</summary>
    public static string Clip(string? text, int length)
    {
        text ??= "";
        var cut = text.Length > length ? text[..length] : text;
        if (cut.Length > 0 && char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }

        return Escape(cut) + (cut.Length < text.Length ? $"… ({text.Length} characters)" : "");
    }

    private static bool IsHidden(UnicodeCategory category) => category is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
