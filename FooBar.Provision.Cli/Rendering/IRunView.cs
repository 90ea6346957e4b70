using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>One way to show a run (plain lines, live terminal, JSON): it watches the run and then renders its report.</summary>
internal interface IRunView
{
    /// <summary>Starts <paramref name="run"/> with the view's observer, shows progress while it goes, then renders the report.</summary>
    Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run);
}
