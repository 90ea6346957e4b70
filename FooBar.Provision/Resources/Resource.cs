using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>The unit of idempotence: an identity, a read-only probe, a comparison that yields a change, and the change's apply.</summary>
/// <remarks>
/// The engine sends the <see cref="ProbeScript"/> of every resource of a host in one batched command, hands each
/// resource its own output in <see cref="Compare"/>, and applies only the changes that comparison returns. Probes
/// must never write: dry-run is the same code path stopped before apply.
/// </remarks>
public abstract class Resource
{
    /// <summary>The kind of resource (<c>file</c>, <c>package</c>, …).</summary>
    public abstract string Kind { get; }

    /// <summary>What the resource manages (a path, a package list, a service name…).</summary>
    public abstract string Name { get; }

    /// <summary>The identity shown in plans and reports, such as <c>file[/etc/motd]</c>.</summary>
    public string Id => $"{Kind}[{Name}]";

    /// <summary>Tags that <c>--tags</c> and <c>--skip-tags</c> select by, besides the implicit ones (its role's name and its <see cref="Kind"/>).</summary>
    /// <remarks><c>always</c> runs the resource whatever <c>--tags</c> lists; <c>never</c> only when <c>--tags</c> names one of its tags.</remarks>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Handlers to run (once, at the end of the host) when this resource changes.</summary>
    public IReadOnlyList<string> Notify { get; init; } = [];

    /// <summary>True when applying this resource may change what later probes see (a package install creates files).</summary>
    public virtual bool StalesLaterProbes => false;

    /// <summary>A read-only POSIX sh snippet whose output describes the current state, written as an interpolated string: every value in it is quoted.</summary>
    public abstract ShellScript ProbeScript { get; }

    /// <summary>
    /// True for a built-in probe audited to run in the batch's own shell rather than a subshell of its own (one fork fewer
    /// per probe): it never exits, changes no shell option, directory or IFS, has no arithmetic on what it reads (an
    /// expansion error ends a non-interactive shell), and sets every variable it reads first. A probe that broke this would
    /// end the batch, and the engine would report the probes after it as unanswered rather than act on them.
    /// </summary>
    internal virtual bool ProbeRunsInBatchShell => false;

    /// <summary>Work this resource's probe shares with other resources of the same batch (one <c>systemctl</c> or <c>mysql</c> start for all), or null.</summary>
    /// <remarks>See <see cref="Resources.SharedProbe"/>: a resource that returns one also overrides <see cref="ProbeFromShared"/>.</remarks>
    public virtual SharedProbe? SharedProbe => null;

    /// <summary>
    /// The probe as it runs in a batch after its <see cref="SharedProbe"/> gathered for it: a read-only POSIX sh snippet
    /// that finds this resource's lines from the gather in the shell variable <c>fb_shared</c> and prints exactly what
    /// <see cref="ProbeScript"/> would print. By default, <see cref="ProbeScript"/> itself.
    /// </summary>
    public virtual ShellScript ProbeFromShared => ProbeScript;

    /// <summary>
    /// A check on this resource's probe that runs before the host's first change, in plan and apply alike: throw a
    /// <see cref="ProvisionException"/> (<see cref="ResourceFailedException"/>) to refuse the host's whole run, so that
    /// nothing of it is written. By default, nothing is checked.
    /// </summary>
    /// <remarks>
    /// For a refusal that must not come after earlier resources were changed: a firewall whose rules would cut the
    /// controller off is refused before the packages of the roles listed ahead of it are installed.
    /// </remarks>
    /// <param name="current">What the probe printed (the first probes of the run, before any change).</param>
    /// <param name="context">The host's facts.</param>
    public virtual void CheckBeforeChanges(ProbeResult current, PlanContext context)
    {
    }

    /// <summary>Compares the current state (the probe's output) with the desired one.</summary>
    /// <returns>The change that would converge the resource, or null when it is already in state.</returns>
    public abstract ResourceChange? Compare(ProbeResult current, PlanContext context);
}
