using System.Text;

namespace FooBar.Provision.Testing;

/// <summary>Reads POSIX sh text as the fake host needs it: simple commands made of unquoted words.</summary>
/// <remarks>
/// Not a shell: no expansion, no control flow. Quotes are removed the way the shell removes them (single quotes keep
/// everything, <c>'\''</c> is a quote, double quotes keep <c>$(…)</c> as text), redirections and their targets are dropped,
/// and <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, newlines and parentheses end a command.
/// </remarks>
internal static class ShellText
{
    /// <summary>The simple commands of <paramref name="script"/>, each as its words with quotes removed.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Commands(string script)
    {
        var commands = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var i = 0;
        void EndCommand()
        {
            if (words.Count > 0)
            {
                commands.Add(words.ToArray());
                words.Clear();
            }
        }

        while (i < script.Length)
        {
            var c = script[i];
            if (c is ' ' or '\t')
            {
                i++;
            }
            else if (c is ';' or '\n' or '&' or '|' or '(' or ')')
            {
                EndCommand();
                i++;
            }
            else if (c is '>' or '<')
            {
                // A redirection: the operator, then its target word (unless it duplicates a descriptor: 2>&1).
                i++;
                while (i < script.Length && script[i] is '>' or '<')
                {
                    i++;
                }

                if (i < script.Length && script[i] == '&')
                {
                    i++;
                }

                while (i < script.Length && script[i] is ' ' or '\t')
                {
                    i++;
                }

                _ = ReadWord(script, ref i);
            }
            else
            {
                var start = i;
                var word = ReadWord(script, ref i);
                // "2>/dev/null": a descriptor number right before a redirection belongs to it, not to the command.
                if (i < script.Length && script[i] is '>' or '<' && script[start..i].All(char.IsAsciiDigit))
                {
                    continue;
                }

                words.Add(word);
            }
        }

        EndCommand();
        return commands;
    }

    /// <summary>One word starting at <paramref name="i"/> with its quotes removed; <paramref name="i"/> ends after it.</summary>
    public static string ReadWord(string text, ref int i)
    {
        var word = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>')
            {
                break;
            }

            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                end = end < 0 ? text.Length : end;
                word.Append(text, i + 1, end - i - 1);
                i = Math.Min(text.Length, end + 1);
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }

                    word.Append(text[i]);
                    i++;
                }

                i++;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var depth = 0;
                var start = i;
                for (i++; i < text.Length; i++)
                {
                    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                i = Math.Min(text.Length, i + 1);
                word.Append(text, start, i - start);
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[i + 1]);
                i += 2;
            }
            else
            {
                word.Append(c);
                i++;
            }
        }

        return word.ToString();
    }

    /// <summary>The words of <paramref name="text"/> (a list of quoted words, as <c>ShellWords</c> writes them).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        Commands(text).SelectMany(c => c).ToArray();

    /// <summary>One quoted word, unquoted.</summary>
    public static string Unquote(string word)
    {
        var i = 0;
        return ReadWord(word, ref i);
    }
}
