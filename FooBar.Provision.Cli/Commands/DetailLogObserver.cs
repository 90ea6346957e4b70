using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Commands;

/// <summary>Passes a run's progress on to the view, and to the <c>-v</c> log its details, steps (<c>-vv</c>) and each host's facts.</summary>
internal sealed class DetailLogObserver(IRunObserver view, CommandLog log) : IRunObserver
{
    public void HostStarted(string host) => view.HostStarted(host);

    public void ResourceFinished(string host, ResourceReport resource) => view.ResourceFinished(host, resource);

    public void StepStarted(string host, string step)
    {
        view.StepStarted(host, step);
        log.Step(host, step);
    }

    public void HostFinished(HostReport report)
    {
        log.HostFinished(report);
        view.HostFinished(report);
    }

    public void Detail(string host, string message) => log.Detail(host, message);
}
