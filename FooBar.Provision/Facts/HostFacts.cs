namespace FooBar.Provision.Facts;

/// <summary>What the engine knows about a host before deciding anything, gathered in one round trip.</summary>
/// <param name="OsId">The <c>ID</c> of /etc/os-release (debian, ubuntu, rhel, …).</param>
/// <param name="OsVersion">The <c>VERSION_ID</c> of /etc/os-release.</param>
/// <param name="InitSystem"><c>systemd</c> when systemd is PID 1, otherwise <c>sysvinit</c>.</param>
/// <param name="PackageManager"><c>apt</c>, <c>dnf</c>, <c>yum</c> or <c>unknown</c>.</param>
/// <param name="Architecture">The machine architecture (<c>uname -m</c>).</param>
/// <param name="Hostname">The host's own name.</param>
public sealed record HostFacts(string OsId, string OsVersion, string InitSystem, string PackageManager, string Architecture, string Hostname)
{
    /// <summary>True when systemd manages services.</summary>
    public bool HasSystemd => InitSystem == "systemd";

    /// <summary>Facts of a typical Debian 12 host, for tests and examples.</summary>
    public static HostFacts Debian12 { get; } = new("debian", "12", "systemd", "apt", "x86_64", "debian");
}
