using System.Text;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Testing;

/// <summary>One run of the engine against a <see cref="FakeHost"/>: its report, what was sent, and assertions on both.</summary>
/// <remarks>Every assertion returns the run, so they chain; a failed one throws <see cref="RoleAssertionException"/> with the report in its message.</remarks>
public sealed class RoleRun
{
    internal RoleRun(RunReport report, IReadOnlyList<SentCommand> sent)
    {
        Report = report;
        Host = report.Hosts.Single();
        Sent = sent;
    }

    /// <summary>The whole run's report (one host).</summary>
    public RunReport Report { get; }

    /// <summary>The host's report: status, resources, handlers, round trips.</summary>
    public HostReport Host { get; }

    /// <summary>What this run sent to the host, in order.</summary>
    public IReadOnlyList<SentCommand> Sent { get; }

    /// <summary>The ids of the resources this run changed (an apply) or would change (a plan), in order.</summary>
    public IReadOnlyList<string> Changes =>
        Host.Resources.Where(r => r.Status is ResourceStatus.Changed or ResourceStatus.Pending).Select(r => r.Id).ToArray();

    /// <summary>The report of the resource <paramref name="id"/> (such as <c>file[/etc/motd]</c>).</summary>
    /// <exception cref="RoleAssertionException">The run has no such resource.</exception>
    public ResourceReport Resource(string id) =>
        Host.Resources.FirstOrDefault(r => r.Id == id)
        ?? throw new RoleAssertionException($"the run on host '{Host.Host}' has no resource {id}; it has: {string.Join(", ", Host.Resources.Select(r => r.Id))}");

    /// <summary>Asserts that the host neither failed nor was unreachable, and no resource or handler failed.</summary>
    public RoleRun AssertSucceeded()
    {
        if (Host.Status is HostStatus.Failed or HostStatus.Unreachable || Host.FailedCount > 0 || Host.Handlers.Any(h => h.Status == ResourceStatus.Failed))
        {
            throw new RoleAssertionException($"expected the {Verb} on host '{Host.Host}' to succeed, but it {Host.Status.ToString().ToLowerInvariant()}:\n{Describe()}");
        }

        return this;
    }

    /// <summary>Asserts that the host failed, with <paramref name="message"/> (when given) in an error of the host, a resource or a handler.</summary>
    public RoleRun AssertFailed(string? message = null)
    {
        var errors = Host.Resources.Select(r => r.Error).Concat(Host.Handlers.Select(h => h.Error)).Append(Host.Error).OfType<string>().ToArray();
        if (Host.Status is not (HostStatus.Failed or HostStatus.Unreachable) || (message is not null && !errors.Any(e => e.Contains(message, StringComparison.Ordinal))))
        {
            throw new RoleAssertionException($"expected the {Verb} on host '{Host.Host}' to fail{(message is null ? "" : $" with \"{message}\"")}, but:\n{Describe()}");
        }

        return this;
    }

    /// <summary>Asserts that exactly these resources changed (an apply) or would change (a plan), in any order.</summary>
    public RoleRun AssertChanged(params string[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!Changes.Order(StringComparer.Ordinal).SequenceEqual(ids.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new RoleAssertionException($"expected the {Verb} on host '{Host.Host}' to change {List(ids)}, but it changed {List(Changes)}:\n{Describe()}");
        }

        return this;
    }

    /// <summary>Asserts that nothing changed (or would change): no resource, no handler.</summary>
    public RoleRun AssertNoChanges()
    {
        if (Changes.Count > 0 || Host.Handlers.Any(h => h.Status is ResourceStatus.Changed or ResourceStatus.Pending))
        {
            throw new RoleAssertionException($"expected no changes from the {Verb} on host '{Host.Host}', but:\n{Describe()}");
        }

        return this;
    }

    /// <summary>Asserts that the handler <paramref name="name"/> ran (or, in a plan, would run) exactly once.</summary>
    public RoleRun AssertHandlerRan(string name)
    {
        var count = Host.Handlers.Count(h => h.Name == name && h.Status is ResourceStatus.Changed or ResourceStatus.Pending);
        if (count != 1)
        {
            throw new RoleAssertionException($"expected handler '{name}' to run once in the {Verb} on host '{Host.Host}', but it ran {count} time(s):\n{Describe()}");
        }

        return this;
    }

    /// <summary>Asserts that only read-only commands (facts, probes, checks) went to the host: no change, no file write.</summary>
    public RoleRun AssertReadOnly()
    {
        var writes = Sent.Where(c => !c.IsReadOnly).ToArray();
        if (writes.Length > 0)
        {
            throw new RoleAssertionException($"expected only read-only commands in the {Verb} on host '{Host.Host}', but it sent:\n  {string.Join("\n  ", writes.Select(w => w.Text))}");
        }

        return this;
    }

    /// <summary>Asserts that some command (or written file's path) contains <paramref name="fragment"/>.</summary>
    public RoleRun AssertSent(string fragment)
    {
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        if (!Sent.Any(c => c.Text.Contains(fragment, StringComparison.Ordinal)))
        {
            throw new RoleAssertionException($"expected a command containing \"{fragment}\" in the {Verb} on host '{Host.Host}', but it sent:\n  {string.Join("\n  ", Sent.Select(Short))}");
        }

        return this;
    }

    /// <summary>Asserts that no command (nor written file's path) contains <paramref name="fragment"/>; use it to prove a secret never travels in a command line.</summary>
    public RoleRun AssertNotSent(string fragment)
    {
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        var found = Sent.FirstOrDefault(c => c.Text.Contains(fragment, StringComparison.Ordinal));
        if (found is not null)
        {
            throw new RoleAssertionException($"expected no command containing \"{fragment}\" in the {Verb} on host '{Host.Host}', but one did:\n  {Short(found)}");
        }

        return this;
    }

    /// <summary>The host's report as text: each resource with its status, summary, diff and error, then the handlers.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Host.Error is { } error)
        {
            text.Append("  host error: ").Append(error).Append('\n');
        }

        foreach (var r in Host.Resources)
        {
            text.Append("  ").Append(r.Status.ToString().ToLowerInvariant()).Append(' ').Append(r.Id);
            text.Append(r.Summary is null ? "" : ": " + r.Summary).Append(r.Error is null ? "" : " — " + r.Error).Append('\n');
            if (r.Diff is { Length: > 0 } diff && r.Status is ResourceStatus.Changed or ResourceStatus.Pending)
            {
                text.Append("    ").Append(diff.TrimEnd('\n').Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
            }
        }

        foreach (var h in Host.Handlers)
        {
            text.Append("  handler ").Append(h.Name).Append(": ").Append(h.Status.ToString().ToLowerInvariant()).Append(h.Error is null ? "" : " — " + h.Error).Append('\n');
        }

        return text.ToString();
    }

    private string Verb => Report.DryRun ? "plan" : "apply";

    private static string List(IEnumerable<string> ids)
    {
        var all = ids.ToArray();
        return all.Length == 0 ? "nothing" : string.Join(", ", all);
    }

    private static string Short(SentCommand command)
    {
        var text = command.Text.Replace("\n", "⏎", StringComparison.Ordinal);
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
