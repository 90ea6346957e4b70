using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Where one host is in a run, for the live view (updated from the host's task, read by the render loop).</summary>
internal sealed class HostProgress(string host)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceStatus, int> _counts = [];
    private string? _last;
    private HostStatus? _finished;
    private bool _started;

    public string Host => host;

    public void Start()
    {
        lock (_gate)
        {
            _started = true;
        }
    }

    public void Add(ResourceReport resource)
    {
        lock (_gate)
        {
            _counts[resource.Status] = _counts.GetValueOrDefault(resource.Status) + 1;
            _last = resource.Id;
        }
    }

    public void Finish(HostStatus status)
    {
        lock (_gate)
        {
            _finished = status;
        }
    }

    /// <summary>A snapshot: started, finished status (or null), counts, last resource.</summary>
    public (bool Started, HostStatus? Finished, IReadOnlyDictionary<ResourceStatus, int> Counts, string? Last) Snapshot()
    {
        lock (_gate)
        {
            return (_started, _finished, new Dictionary<ResourceStatus, int>(_counts), _last);
        }
    }
}
