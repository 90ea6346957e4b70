namespace FooBar.Provision.Reporting;

/// <summary>Receives progress while a run goes on (live terminal output); called from several hosts' tasks at once.</summary>
public interface IRunObserver
{
    /// <summary>A host started.</summary>
    void HostStarted(string host) { }

    /// <summary>A resource of a host finished (or was planned).</summary>
    void ResourceFinished(string host, ResourceReport resource) { }

    /// <summary>A host finished.</summary>
    void HostFinished(HostReport report) { }

    /// <summary>A detail of how a host's run went that only a verbose log shows (a facts cache that could not be read).</summary>
    void Detail(string host, string message) { }
}
