using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Colours for the text listing (ANSI escapes), or none.</summary>
internal sealed class Ansi(bool enabled)
{
    private const string Reset = "\u001b[0m";

    public static Ansi None { get; } = new(false);

    public string Green(string text) => Paint("\u001b[32m", text);

    public string Red(string text) => Paint("\u001b[31m", text);

    public string Yellow(string text) => Paint("\u001b[33m", text);

    public string Cyan(string text) => Paint("\u001b[36m", text);

    public string Dim(string text) => Paint("\u001b[2m", text);

    public string Bold(string text) => Paint("\u001b[1m", text);

    /// <summary>The status word, coloured by what it means.</summary>
    public string Status(ResourceStatus status, string text) => status switch
    {
        ResourceStatus.Ok => Green(text),
        ResourceStatus.Changed => Yellow(text),
        ResourceStatus.Pending => Cyan(text),
        ResourceStatus.Failed => Red(text),
        _ => Dim(text),
    };

    /// <summary>A diff line: additions green, removals red, hunk headers cyan.</summary>
    public string DiffLine(string line) => line switch
    {
        _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => Bold(line),
        _ when line.StartsWith('+') => Green(line),
        _ when line.StartsWith('-') => Red(line),
        _ when line.StartsWith("@@", StringComparison.Ordinal) => Cyan(line),
        _ => line,
    };

    private string Paint(string code, string text) => enabled && text.Length > 0 ? code + text + Reset : text;
}
