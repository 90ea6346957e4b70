using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Tests.Transport;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// Runs probes in a real shell with stub commands first on PATH (each stub logs its command line to <c>calls</c>):
/// each resource's own probe alone, and the whole batch as the engine sends it, so a test can compare the answers and
/// count the process starts. <c>/run/systemd/system</c> and <c>/etc/init.d</c> in the scripts are replaced by folders
/// of the test's own.
/// </summary>
internal sealed class ProbeShell : IDisposable
{
    private const string Marker = "@@fbp-0123456789ab";

    public ProbeShell(string shell = "/bin/sh")
    {
        Shell = shell;
        Directory.CreateDirectory(Bin);
    }

    /// <summary>The shell that runs the scripts (/bin/sh is dash here; root's login shell on the lab hosts is bash).</summary>
    public string Shell { get; set; }

    public string Root { get; } = Directory.CreateTempSubdirectory("fb-probe-").FullName;

    public string Bin => Path.Combine(Root, "bin");

    /// <summary>Stands for /run/systemd/system: the host "runs systemd" when this folder exists.</summary>
    public string SystemdMark => Path.Combine(Root, "run-systemd-system");

    /// <summary>Stands for /etc/init.d (System V scripts), empty unless a test puts one there.</summary>
    public string InitScripts => Directory.CreateDirectory(Path.Combine(Root, "init.d")).FullName;

    public bool Systemd
    {
        set
        {
            if (value)
            {
                Directory.CreateDirectory(SystemdMark);
            }
            else if (Directory.Exists(SystemdMark))
            {
                Directory.Delete(SystemdMark);
            }
        }
    }

    /// <summary>The command lines the stubs saw since the last <see cref="ClearCalls"/>.</summary>
    public IReadOnlyList<string> Calls => File.Exists(CallsPath) ? File.ReadAllLines(CallsPath) : [];

    private string CallsPath => Path.Combine(Bin, "calls");

    public void ClearCalls() => File.Delete(CallsPath);

    /// <summary>Writes an executable stub.</summary>
    public void Stub(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        // One line per call: the newlines of an argument (an SQL script) become spaces.
        File.WriteAllText(path, "#!/bin/sh\n{ printf '%s' \"" + name + " $*\" | tr '\\n' ' '; echo; } >> \"$(dirname \"$0\")/calls\"\n" + script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Each resource's own probe, each in a shell of its own, as <see cref="ProbeResult"/>s.</summary>
    public IReadOnlyList<ProbeResult> Alone(IReadOnlyList<Resource> resources) =>
        resources.Select(r => ProbeBatch.Parse(Run(ProbeBatch.Script([r], Marker).Text), Marker, [r])[0]).ToArray();

    /// <summary>The batch as the engine builds it, in one shell.</summary>
    public IReadOnlyList<ProbeResult> Batched(IReadOnlyList<Resource> resources) =>
        ProbeBatch.Parse(Run(ProbeBatch.Script(resources, Marker).Text), Marker, resources);

    public string Run(string script)
    {
        var hermetic = script.Replace("/run/systemd/system", SystemdMark, StringComparison.Ordinal).Replace("/etc/init.d/", InitScripts + "/", StringComparison.Ordinal);
        var (exit, output, error) = LocalProcess.Run(Shell, ["-c", hermetic], new Dictionary<string, string> { ["PATH"] = Bin + ":/usr/bin:/bin:/usr/sbin:/sbin" });
        Assert.True(exit == 0, $"the script failed ({exit}): {error}");
        return output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
