using System.Globalization;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>-v</c> log on standard error, each line prefixed by its host, secrets masked (docs/cli/verbosity.md).</summary>
/// <remarks>
/// Level 1 (<c>-v</c>): the engine's notes (<c>HOST # …</c>) and each host's facts and round trips. Level 2 (<c>-vv</c>):
/// also each step (<c>HOST &gt; …</c>) and one line per command sent (<c>HOST $ …</c>) with its outcome and time
/// (<c>HOST &lt; …</c>). Level 3 (<c>-vvv</c>): also the whole script of every command. What goes on a command's
/// standard input (file content, a sudo password) is never shown, only its size.
/// </remarks>
internal sealed class CommandLog(TextWriter output, SecretMasker masker, int level = 3)
{
    private readonly Lock _gate = new();

    public void Sent(string host, RemoteCommand command)
    {
        if (level < 2)
        {
            return;
        }

        var script = masker.Mask(command.Script).TrimEnd('\n');
        var lines = script.Split('\n');
        var kind = command.IsReadOnly ? "read-only" : "change";
        var stdin = command.StandardInput is { Length: > 0 } input ? $", {input.Length} bytes on stdin" : "";
        if (level >= 3)
        {
            Write([$"{host} $ ({kind}{stdin})", .. lines.Select(line => $"{host} $   {line}")]);
            return;
        }

        var first = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) ?? "";
        var shown = first.Length > 80 ? first[..79] + "…" : first;
        var size = lines.Length == 1 ? $"{script.Length} bytes" : $"{lines.Length} lines, {script.Length} bytes";
        Write([$"{host} $ ({kind}, {size}{stdin}) {shown}"]);
    }

    public void Writing(string host, RemoteFile file)
    {
        if (level >= 2)
        {
            Write([$"{host} $ (write file) {masker.Mask(file.Path)}: {file.Content.Length} bytes, mode {file.Mode}, owner {file.Owner ?? "-"}:{file.Group ?? "-"}"]);
        }
    }

    public void Finished(string host, string outcome, TimeSpan elapsed)
    {
        if (level >= 2)
        {
            Write([$"{host} < {masker.Mask(outcome)} in {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s"]);
        }
    }

    public void Detail(string host, string message) => Write([$"{host} # {masker.Mask(message)}"]);

    public void Step(string host, string step)
    {
        if (level >= 2)
        {
            Write([$"{host} > {masker.Mask(step)}"]);
        }
    }

    /// <summary>The host's facts (when they were gathered), round trips and time.</summary>
    public void HostFinished(HostReport report)
    {
        var facts = report.Facts is { } f ? $"facts: {f.OsId} {f.OsVersion}, {f.Architecture}, init {f.InitSystem}, packages {f.PackageManager}, hostname {f.Hostname}; " : "";
        Write([$"{report.Host} # {masker.Mask(facts)}{report.RoundTrips} round trip(s), {report.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s"]);
    }

    private void Write(IEnumerable<string> lines)
    {
        lock (_gate)
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }
}
