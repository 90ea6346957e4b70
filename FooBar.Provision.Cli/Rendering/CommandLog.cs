using System.Globalization;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The <c>-v</c> log: every command sent to a host, prefixed by the host, with secrets masked.</summary>
internal sealed class CommandLog(TextWriter output, SecretMasker masker)
{
    private readonly Lock _gate = new();

    public void Sent(string host, RemoteCommand command)
    {
        var lines = masker.Mask(command.Script).TrimEnd('\n').Split('\n');
        var kind = command.IsReadOnly ? "read-only" : "change";
        var stdin = command.StandardInput is { Length: > 0 } input ? $", {input.Length} bytes on stdin" : "";
        Write([$"{host} $ ({kind}{stdin})", .. lines.Select(line => $"{host} $   {line}")]);
    }

    public void Writing(string host, RemoteFile file) =>
        Write([$"{host} $ (write file) {masker.Mask(file.Path)}: {file.Content.Length} bytes, mode {file.Mode}, owner {file.Owner ?? "-"}:{file.Group ?? "-"}"]);

    public void Finished(string host, string outcome, TimeSpan elapsed) =>
        Write([$"{host} < {masker.Mask(outcome)} in {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s"]);

    public void Detail(string host, string message) => Write([$"{host} # {masker.Mask(message)}"]);

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
