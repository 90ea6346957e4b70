using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>One line per resource as it finishes, prefixed by its host, then the recap: for logs, pipes and NO_COLOR.</summary>
internal sealed class PlainView(ListingWriter listing, string verb) : IRunView, IRunObserver
{
    public async Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run)
    {
        var report = await run(this).ConfigureAwait(false);
        listing.Recap(report, verb);
        return report;
    }

    void IRunObserver.ResourceFinished(string host, ResourceReport resource) => listing.Resource(host, resource);

    void IRunObserver.HostFinished(HostReport report) => listing.HostFinished(report);
}
