using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Commands;

/// <summary>Passes a run's progress on to the view and its details (<see cref="IRunObserver.Detail"/>) to the <c>-v</c> log.</summary>
internal sealed class DetailLogObserver(IRunObserver view, CommandLog log) : IRunObserver
{
    public void HostStarted(string host) => view.HostStarted(host);

    public void ResourceFinished(string host, ResourceReport resource) => view.ResourceFinished(host, resource);

    public void HostFinished(HostReport report) => view.HostFinished(report);

    public void Detail(string host, string message) => log.Detail(host, message);
}
