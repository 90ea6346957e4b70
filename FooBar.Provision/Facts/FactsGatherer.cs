using FooBar.Provision.Transport;

namespace FooBar.Provision.Facts;

/// <summary>Gathers <see cref="HostFacts"/> with one read-only command.</summary>
public static class FactsGatherer
{
    /// <summary>The read-only script that prints the facts as <c>key=value</c> lines.</summary>
    /// <remarks>
    /// The host name and the architecture are what <c>uname -nm</c> prints (the node name is what <c>hostname</c>
    /// prints), read without a process start from <c>/proc/sys/kernel/hostname</c> and <c>/proc/sys/kernel/arch</c>
    /// (Linux 6.1 and later): the same fields of the same UTS namespace that <c>uname(2)</c> copies, which it changes only
    /// under a 32-bit personality, so they are read only when the shell's personality is the default one and the host
    /// name is one line. Otherwise one <c>uname -nm</c> start.
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
        fb_k=0; fb_n=; fb_m=; fb_p=
        { IFS= read -r fb_p </proc/self/personality && [ "$fb_p" = 00000000 ] && IFS= read -r fb_m </proc/sys/kernel/arch &&
          while IFS= read -r fb_l; do fb_k=$((fb_k + 1)); fb_n=$fb_l; done </proc/sys/kernel/hostname; } 2>/dev/null
        if [ "$fb_k" = 1 ] && [ -n "$fb_m" ]; then echo "arch=$fb_m"; echo "hostname=$fb_n"
        elif fb_u=$(uname -nm 2>/dev/null) && [ -n "$fb_u" ]; then echo "arch=${fb_u##* }"; echo "hostname=${fb_u% *}"
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

    /// <summary>
    /// The facts lines the script prints for <paramref name="facts"/>, without the last newline: the text of an entry that an
    /// earlier version cached with only its hash (checked against that hash before use).
    /// </summary>
    internal static string Text(HostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return $"os_id={facts.OsId}\nos_version={facts.OsVersion}\ninit={facts.InitSystem}\npkg={facts.PackageManager}\narch={facts.Architecture}\nhostname={facts.Hostname}";
    }

    /// <summary>The <c>key=value</c> lines of a script's output (the last one wins for a key).</summary>
    internal static Dictionary<string, string> ParseValues(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
}
