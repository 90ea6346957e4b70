using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Nothing while the run goes, then one JSON document (docs/json-output.md).</summary>
internal sealed class JsonView(TextWriter output, string mode) : IRunView, IRunObserver
{
    public async Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run)
    {
        var report = await run(this).ConfigureAwait(false);
        await JsonReport.WriteAsync(output, report, mode, report.ExitCode).ConfigureAwait(false);
        return report;
    }
}
