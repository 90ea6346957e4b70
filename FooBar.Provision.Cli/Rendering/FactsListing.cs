using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The text view of <c>provision facts</c>: one line per host.</summary>
internal static class FactsListing
{
    public static void Write(TextWriter output, RunReport report, Ansi ansi)
    {
        var width = ListingWriter.HostWidth(report.Hosts.Select(h => h.Host));
        foreach (var host in report.Hosts)
        {
            var name = host.Host.PadRight(width);
            var cost = $"round_trips={host.RoundTrips}  {ListingWriter.Seconds(host.Duration)}";
            if (host.Facts is { } f)
            {
                output.WriteLine($"{name}  os={f.OsId} {f.OsVersion}  arch={f.Architecture}  init={f.InitSystem}  pkg={f.PackageManager}  hostname={f.Hostname}  {ansi.Dim(cost)}");
            }
            else
            {
                var word = host.Status == HostStatus.Unreachable ? "UNREACHABLE" : "FAILED";
                output.WriteLine($"{name}  {ansi.Red(word)}  {host.Error}");
            }
        }

        output.Flush();
    }
}
