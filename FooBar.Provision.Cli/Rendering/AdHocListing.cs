using System.Text;
using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The text view of <c>provision run</c>: each host's block as it finishes (exit code, time, output lines prefixed by the host), then a summary.</summary>
/// <remarks>
/// Output lines are prefixed <c>HOST | </c> (standard output) and <c>HOST ! </c> (standard error) so that the lines of
/// parallel hosts can be told apart and grepped. Control characters the command printed (escape sequences) are shown
/// as <c>?</c>: a host's output never drives the terminal.
/// </remarks>
internal sealed class AdHocListing(TextWriter output, int hostWidth, Ansi ansi)
{
    private readonly Lock _gate = new();

    public void Host(AdHocResult result)
    {
        var name = result.Host.PadRight(hostWidth);
        var block = new StringBuilder();
        var seconds = ansi.Dim(ListingWriter.Seconds(result.Duration));
        block.Append(result switch
        {
            { Status: "unreachable" } => $"{name}  {ansi.Red("UNREACHABLE")}  {result.Error}",
            { ExitCode: null } => $"{name}  {ansi.Red("FAILED")}  {result.Error}  {seconds}",
            { ExitCode: 0 } => $"{name}  {ansi.Green("exit 0")}  {seconds}",
            _ => $"{name}  {ansi.Red($"exit {result.ExitCode}")}  {seconds}",
        }).Append('\n');
        Lines(block, name, "|", result.StandardOutput);
        Lines(block, name, "!", result.StandardError);
        lock (_gate)
        {
            output.Write(block.ToString());
            output.Flush();
        }
    }

    public void Summary(IReadOnlyList<AdHocResult> results, TimeSpan duration, int exitCode)
    {
        var hosts = results.Count == 1 ? "1 host" : $"{results.Count} hosts";
        var ok = results.Count(r => r.Succeeded);
        var failed = results.Count - ok;
        var tail = failed == 0 ? ansi.Green($"{ok} exit 0") : $"{ok} exit 0, {ansi.Red($"{failed} failed")} (exit {exitCode})";
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine($"run on {hosts} finished in {ListingWriter.Seconds(duration)}: {tail}");
            output.Flush();
        }
    }

    private static void Lines(StringBuilder block, string name, string mark, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            block.Append(name).Append(' ').Append(mark).Append(' ').Append(Sanitize(line.TrimEnd('\r'))).Append('\n');
        }
    }

    private static string Sanitize(string line) =>
        string.Create(line.Length, line, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = c != '\t' && (char.IsControl(c) || c is '\u2028' or '\u2029') ? '?' : c;
            }
        });
}
