namespace FooBar.Provision.Inventory;

/// <summary>A reader that knows the line and column of the last character it handed out.</summary>
/// <remarks>
/// The YAML scanner reads only a few characters ahead, so where it stopped is where a failure without a position
/// (YamlDotNet throws a bare <see cref="InvalidOperationException"/> for some broken flow collections) happened.
/// </remarks>
internal sealed class PositionReader(string text) : TextReader
{
    private int _index;

    /// <summary>The 1-based line of the last character read.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The 1-based column of the last character read.</summary>
    public int Column { get; private set; }

    /// <inheritdoc />
    public override int Peek() => _index < text.Length ? text[_index] : -1;

    /// <inheritdoc />
    public override int Read()
    {
        if (_index >= text.Length)
        {
            return -1;
        }

        // A line feed belongs to the line it ends, so a failure at the end of a line is reported on that line.
        if (_index > 0 && text[_index - 1] == '\n')
        {
            Line++;
            Column = 0;
        }

        var c = text[_index++];
        Column++;
        return c;
    }

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var read = 0;
        while (read < count && Read() is var c && c >= 0)
        {
            buffer[index + read++] = (char)c;
        }

        return read;
    }
}
