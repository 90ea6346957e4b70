using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A fresh lab host 5 with nginx and base, whose message of the day is a 16 MiB file (a template override), for the
/// fault tests: a real <c>provision</c> can be stopped in the middle of that write (its remote <c>cat</c> paused with
/// SIGSTOP, seen through the host's root directory on this machine) and then killed or left to wait.
/// </summary>
public sealed class FaultHost : IDisposable
{
    public const int Host = 5;
    private const int LargeBytes = 16 * 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("fbp-faults-").FullName;

    public FaultHost()
    {
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", Host.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        var templates = Directory.CreateDirectory(Path.Combine(_directory, "templates", "base")).FullName;
        var filler = new StringBuilder(LargeBytes + 64).Append("{{motd_message}}\n");
        var line = new string('x', 1023) + "\n";
        filler.Insert(filler.Length, line, LargeBytes / line.Length);
        File.WriteAllText(Path.Combine(templates, "motd.scriban"), filler.ToString());
        Inventory = Path.Combine(_directory, "inventory.yaml");
        File.WriteAllText(Inventory, string.Create(CultureInfo.InvariantCulture, $"""
            hosts:
              lab{Host}:
                address: {Lab.Address(Host)}
                user: root
                identity_file: {Lab.ClientKey}
                known_hosts: {Lab.KnownHosts}
                roles: [nginx, base]
                vars:
                  domain: faults.example
                  base_packages: []
                  base_service: ""
            """));
        var converge = Provision.Json("apply", Inventory);
        if (converge.Exit != 0)
        {
            throw new InvalidOperationException("the fault host did not converge:\n" + converge.Raw);
        }
    }

    public string Inventory { get; }

    /// <summary>The host's root directory as this machine sees it.</summary>
    public static string Root => $"/var/lib/foobar-lab/hosts/lab{Host}/root";

    public static string Ssh(string script) => Lab.Ssh(Host, script);

    public static int NginxReloads() =>
        int.Parse(Ssh("journalctl -u nginx -o cat --no-pager | grep -c '^Reloaded' || true").Trim(), CultureInfo.InvariantCulture);

    /// <summary>Temporary files of interrupted writes left anywhere the roles write.</summary>
    public static string[] LeftoverTemporaryFiles(string directory = "/etc") =>
        Ssh($"find {directory} /srv -xdev -name '.provision.*' 2>/dev/null || true").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Starts <c>provision</c> as a separate process (its output drained).</summary>
    public static Process Start(params string[] arguments) => Interruptions.Start(arguments);

    /// <summary>Waits until a write into <paramref name="directory"/> (on the host) has begun, then pauses its receiving <c>cat</c>.</summary>
    /// <returns>The paused process (on this machine's view of the host's processes).</returns>
    public static int PauseWriteInto(string directory)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var temporary = Directory.Exists(Root + directory) ? Directory.GetFiles(Root + directory, ".provision.*").FirstOrDefault() : null;
            if (temporary is not null && Receiver(directory.TrimEnd('/') + "/" + Path.GetFileName(temporary)) is { } pid)
            {
                Signal("STOP", pid);
                return pid;
            }

            Thread.Sleep(5);
        }

        throw new TimeoutException($"no write into {directory} began on lab{Host}");
    }

    public static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits (bounded) until the host has no temporary file of an interrupted write left in <paramref name="directory"/>.</summary>
    public static void WaitForNoTemporaryFile(string directory)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && Directory.GetFiles(Root + directory, ".provision.*").Length > 0)
        {
            Thread.Sleep(50);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The process named cat that has the host's file open (its descriptors show the path inside the host).
    private static int? Receiver(string pathInHost)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() == "cat" &&
                    Directory.GetFiles(Path.Combine(directory, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && (target == pathInHost || target == Root + pathInHost)))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class FaultHostCollection : ICollectionFixture<FaultHost>
{
    public const string Name = "Fault host";
}
