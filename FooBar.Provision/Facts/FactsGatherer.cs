using FooBar.Provision.Transport;

namespace FooBar.Provision.Facts;

/// <summary>Gathers <see cref="HostFacts"/> with one read-only command.</summary>
public static class FactsGatherer
{
    /// <summary>The read-only script that prints the facts as <c>key=value</c> lines.</summary>
    /// <remarks>
    /// The host name and the architecture come from one <c>uname -nm</c> (the node name is what <c>hostname</c> prints):
    /// one process start instead of two on every run.
    /// </remarks>
    internal static ShellScript Script { get; } = $$"""
        . /etc/os-release 2>/dev/null
        echo "os_id=${ID:-unknown}"
        echo "os_version=${VERSION_ID:-unknown}"
        if [ -d /run/systemd/system ]; then echo init=systemd; else echo init=sysvinit; fi
        if command -v apt-get >/dev/null 2>&1; then echo pkg=apt
        elif command -v dnf >/dev/null 2>&1; then echo pkg=dnf
        elif command -v yum >/dev/null 2>&1; then echo pkg=yum
        else echo pkg=unknown; fi
        if fb_u=$(uname -nm 2>/dev/null) && [ -n "$fb_u" ]; then echo "arch=${fb_u##* }"; echo "hostname=${fb_u% *}"
        else echo "arch=$(uname -m)"; echo "hostname=$(hostname 2>/dev/null || cat /etc/hostname)"; fi
        """;

    /// <summary>Runs the facts script on <paramref name="connection"/> and parses its answer.</summary>
    public static async Task<HostFacts> GatherAsync(IHostConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = await connection.RunAsync(new RemoteCommand(Script).AsReadOnly(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"{connection.HostName}: gathering facts failed ({result.ExitText}): {result.StandardError.Trim()}", "check that the host runs a POSIX shell and that the user may run commands");
        }

        return Parse(result.StandardOutput);
    }

    /// <summary>Parses the <c>key=value</c> lines of the facts script.</summary>
    internal static HostFacts Parse(string output)
    {
        var values = ParseValues(output);
        string Get(string key) => values.TryGetValue(key, out var value) && value.Length > 0 ? value : "unknown";
        return new HostFacts(Get("os_id"), Get("os_version"), Get("init"), Get("pkg"), Get("arch"), Get("hostname"));
    }

    /// <summary>The <c>key=value</c> lines of a script's output (the last one wins for a key).</summary>
    internal static Dictionary<string, string> ParseValues(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
}
