using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Where one host is in a run, for the live view (updated from the host's task, read by the render loop).</summary>
internal sealed class HostProgress(string host, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceStatus, int> _counts = [];
    private string? _step;
    private DateTimeOffset _stepSince;
    private HostReport? _finished;
    private bool _started;

    public string Host => host;

    public void Start()
    {
        lock (_gate)
        {
            _started = true;
            _step = "connecting, facts";
            _stepSince = time.GetUtcNow();
        }
    }

    public void Step(string step)
    {
        lock (_gate)
        {
            _step = step;
            _stepSince = time.GetUtcNow();
        }
    }

    public void Add(ResourceReport resource)
    {
        lock (_gate)
        {
            _counts[resource.Status] = _counts.GetValueOrDefault(resource.Status) + 1;
        }
    }

    public void Finish(HostReport report)
    {
        lock (_gate)
        {
            _finished = report;
        }
    }

    /// <summary>A snapshot: started, the finished report (or null), counts so far, the current step and how long it has run.</summary>
    public HostSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new(_started, _finished, new Dictionary<ResourceStatus, int>(_counts), _step, _step is null ? TimeSpan.Zero : time.GetUtcNow() - _stepSince);
        }
    }

    /// <summary>What <see cref="Snapshot"/> returns.</summary>
    internal sealed record HostSnapshot(bool Started, HostReport? Finished, IReadOnlyDictionary<ResourceStatus, int> Counts, string? Step, TimeSpan StepElapsed);
}
