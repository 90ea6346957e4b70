namespace FooBar.Provision.Reporting;

/// <summary>Receives progress while a run goes on (live terminal output); called from several hosts' tasks at once.</summary>
public interface IRunObserver
{
    /// <summary>A host started.</summary>
    void HostStarted(string host) { }

    /// <summary>A step of a host that may take a while started: its probes, a resource's change (an <c>apt-get install</c>), its handlers.</summary>
    /// <remarks>The step runs until the next step starts or the host finishes; a live view shows it with its elapsed time.</remarks>
    /// <param name="host">The host.</param>
    /// <param name="step">What runs, such as <c>probes (12 resources)</c>, <c>packages[nginx]</c> or <c>handlers: reload nginx</c>.</param>
    void StepStarted(string host, string step) { }

    /// <summary>A resource of a host finished (or was planned).</summary>
    void ResourceFinished(string host, ResourceReport resource) { }

    /// <summary>A host finished.</summary>
    void HostFinished(HostReport report) { }

    /// <summary>A detail of how a host's run went that only a verbose log shows (a facts cache that could not be read).</summary>
    void Detail(string host, string message) { }
}
