using System.Globalization;
using System.Text;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>Sends the probes of many resources as one read-only script: one round trip for a whole host.</summary>
internal static class ProbeBatch
{
    private static readonly ShellScript SubshellOpen = $"(";
    private static readonly ShellScript SubshellClose = $")";
    private static readonly ShellScript GroupOpen = $"{{";
    private static readonly ShellScript GroupClose = $"}}";

    public static async Task<IReadOnlyList<ProbeResult>> RunAsync(IHostConnection connection, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        if (resources.Count == 0)
        {
            return [];
        }

        var marker = NewMarker();
        var result = await connection.RunAsync(new RemoteCommand(Script(resources, marker)).AsReadOnly(), cancellationToken).ConfigureAwait(false);
        return Parse(result.StandardOutput, marker, resources);
    }

    /// <summary>A marker that no probe's output can hold by chance: it frames each answer.</summary>
    public static string NewMarker() => "@@fbp-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The read-only script of the probes, each framed by <paramref name="marker"/> lines.</summary>
    /// <remarks>
    /// Resources that share a <see cref="SharedProbe"/> (two or more in the batch) have it gathered once, first; each then
    /// answers from its lines when the gather vouched for it, and runs its own probe otherwise.
    /// </remarks>
    public static ShellScript Script(IReadOnlyList<Resource> resources, string marker)
    {
        var groups = resources
            .Where(r => r.SharedProbe is not null)
            .GroupBy(r => r.SharedProbe!)
            .Where(g => g.Count() >= 2)
            .Select(g => (Shared: g.Key, Members: g.ToArray()))
            .ToArray();
        var place = new Dictionary<Resource, (ShellScript Variable, int Member)>(ReferenceEqualityComparer.Instance);
        var prelude = new List<ShellScript>();
        for (var g = 0; g < groups.Length; g++)
        {
            var variable = ShellScript.Raw("fb_g" + g.ToString(CultureInfo.InvariantCulture));
            // A gather that fails vouches for nothing, whatever it printed before failing.
            prelude.Add($"{variable}=$( ( {groups[g].Shared.Gather(groups[g].Members)}\n) </dev/null 2>/dev/null ) || {variable}=\n");
            for (var k = 0; k < groups[g].Members.Length; k++)
            {
                place[groups[g].Members[k]] = (variable, k);
            }
        }

        // Each probe runs in its own subshell so one probe's failure or `exit` cannot end the batch; a built-in probe
        // audited for it (Resource.ProbeRunsInBatchShell) runs in the batch's shell, in a group: one fork fewer.
        var probes = resources.Select((resource, i) =>
        {
            ShellScript probe = place.TryGetValue(resource, out var at)
                ? (ShellScript)$"if fb_member \"${at.Variable}\" {at.Member}; then {resource.ProbeFromShared}\nelse {resource.ProbeScript}\nfi"
                : resource.ProbeScript;
            var (open, close) = resource.ProbeRunsInBatchShell ? (GroupOpen, GroupClose) : (SubshellOpen, SubshellClose);
            return (ShellScript)$"echo {marker + " " + i.ToString(CultureInfo.InvariantCulture)}; {open} {probe}\n{close} </dev/null 2>/dev/null; echo {marker + "-end"} {i} \"$?\"\n";
        });
        var head = groups.Length == 0 ? ShellScript.Empty : SharedProbe.MemberFunction + ShellScript.Join(ShellScript.Empty, prelude);
        return head + ShellScript.Join(ShellScript.Empty, probes);
    }

    internal static IReadOnlyList<ProbeResult> Parse(string output, string marker, IReadOnlyList<Resource> resources)
    {
        var results = new ProbeResult?[resources.Count];
        var current = -1;
        var buffer = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(marker + "-end ", StringComparison.Ordinal) && current >= 0)
            {
                var exit = int.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
                results[current] = new ProbeResult(exit, buffer.ToString());
                current = -1;
            }
            else if (line.StartsWith(marker + " ", StringComparison.Ordinal))
            {
                current = int.Parse(line[(marker.Length + 1)..], CultureInfo.InvariantCulture);
                buffer.Clear();
            }
            else if (current >= 0)
            {
                buffer.Append(line).Append('\n');
            }
        }

        var answers = new List<ProbeResult>(results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            answers.Add(results[i] ?? throw new ProvisionException($"the probe of {resources[i].Id} returned no answer", "the host cut the probe script short; run with -v to see the commands"));
        }

        return answers;
    }
}
