using System.Globalization;
using System.Text;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>Sends the probes of many resources as one read-only script: one round trip for a whole host.</summary>
internal static class ProbeBatch
{
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
    public static ShellScript Script(IReadOnlyList<Resource> resources, string marker) =>
        // Each probe runs in its own subshell so one probe's failure or `exit` cannot end the batch.
        ShellScript.Join(ShellScript.Empty, resources.Select((resource, i) =>
            (ShellScript)$"echo {marker + " " + i.ToString(CultureInfo.InvariantCulture)}; ( {resource.ProbeScript}\n) </dev/null 2>/dev/null; echo {marker + "-end"} {i} \"$?\"\n"));

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
