using System.Text;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Tests.Cli;

/// <summary>
/// A small terminal: replays what a program wrote (text, CR, LF and the ANSI sequences a live display uses) onto a
/// screen of lines, so a test sees what a user would see. An escape sequence it does not know fails the test rather
/// than being skipped.
/// </summary>
internal sealed partial class TerminalScreen
{
    private readonly List<StringBuilder> _lines = [new()];
    private int _row;
    private int _column;

    /// <summary>True when the program moved the cursor above the line it started on: it overwrote what was there before.</summary>
    public bool WentAboveStart { get; private set; }

    /// <summary>False after "hide cursor" until "show cursor".</summary>
    public bool CursorVisible { get; private set; } = true;

    /// <summary>The screen's lines, trailing spaces removed, trailing empty lines dropped.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _lines.Select(l => l.ToString().TrimEnd()).ToList();
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }
    }

    public static TerminalScreen Replay(string output)
    {
        var screen = new TerminalScreen();
        for (var i = 0; i < output.Length;)
        {
            var c = output[i];
            if (c == '\u001b')
            {
                var match = Sequence().Match(output, i);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"unknown escape at {i}: {Printable(output.Substring(i, Math.Min(12, output.Length - i)))}");
                }

                screen.Apply(match.Groups["private"].Value, match.Groups["n"].Value, match.Groups["op"].Value[0]);
                i += match.Length;
                continue;
            }

            screen.Put(c);
            i++;
        }

        return screen;
    }

    private static string Printable(string text) => text.Replace("\u001b", "ESC", StringComparison.Ordinal);

    [GeneratedRegex(@"\G\u001b\[(?<private>\?)?(?<n>[0-9;]*)(?<op>[A-Za-z])")]
    private static partial Regex Sequence();

    private void Put(char c)
    {
        switch (c)
        {
            case '\n':
                _row++;
                _column = 0;
                break;
            case '\r':
                _column = 0;
                break;
            default:
                var line = Line();
                while (line.Length < _column)
                {
                    line.Append(' ');
                }

                if (_column < line.Length)
                {
                    line[_column] = c;
                }
                else
                {
                    line.Append(c);
                }

                _column++;
                break;
        }
    }

    private StringBuilder Line()
    {
        while (_lines.Count <= _row)
        {
            _lines.Add(new StringBuilder());
        }

        return _lines[_row];
    }

    private void Apply(string isPrivate, string n, char op)
    {
        var count = int.TryParse(n.Split(';')[0], out var parsed) ? parsed : 0;
        if (isPrivate.Length > 0)
        {
            CursorVisible = (n, op) switch
            {
                ("25", 'h') => true,
                ("25", 'l') => false,
                _ => throw new InvalidOperationException($"unknown private sequence ESC[?{n}{op}"),
            };
            return;
        }

        switch (op)
        {
            case 'm':
                break; // colours
            case 'A':
                _row -= Math.Max(1, count);
                WentAboveStart |= _row < 0;
                _row = Math.Max(0, _row);
                break;
            case 'B':
                _row += Math.Max(1, count);
                break;
            case 'G':
                _column = Math.Max(1, count) - 1;
                break;
            case 'K':
                var line = Line();
                if (count == 2)
                {
                    line.Clear();
                }
                else if (count == 0 && _column < line.Length)
                {
                    line.Length = _column;
                }
                else if (count != 0)
                {
                    throw new InvalidOperationException($"unknown erase ESC[{n}K");
                }

                break;
            case 'J':
                if (count != 0)
                {
                    throw new InvalidOperationException($"unknown erase ESC[{n}J");
                }

                Line().Length = Math.Min(Line().Length, _column);
                _lines.RemoveRange(_row + 1, Math.Max(0, _lines.Count - _row - 1));
                break;
            default:
                throw new InvalidOperationException($"unknown sequence ESC[{n}{op}");
        }
    }
}
