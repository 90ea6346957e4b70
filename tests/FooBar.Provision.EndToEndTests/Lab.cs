using System.Diagnostics;

namespace FooBar.Provision.EndToEndTests;

/// <summary>The local lab of real Debian servers (lab/lab.sh), as the end-to-end tests use it.</summary>
internal static class Lab
{
    public const string ClientKey = "/var/lib/foobar-lab/client_key";
    public const string KnownHosts = "/var/lib/foobar-lab/known_hosts";
    public const string DbPasswordFile = "/var/lib/foobar-lab/secrets/db_password";
    public const string DnsServer = "10.99.0.2";

    public static string RepositoryRoot { get; } = Repository.Root();

    public static string Address(int host) => $"10.99.{host}.2";

    /// <summary>Boots hosts 1..count (idempotent) and gives host <paramref name="fresh"/> a pristine server.</summary>
    public static void UpWithFreshHost(int count, int fresh)
    {
        Run(Path.Combine(RepositoryRoot, "lab", "lab.sh"), ["up", count.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10));
        Run(Path.Combine(RepositoryRoot, "lab", "lab.sh"), ["recreate", fresh.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs a script on a lab host as root over SSH (host keys checked against the lab's known_hosts).</summary>
    public static string Ssh(int host, string script)
    {
        var (exit, output, error) = Run("ssh", ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={KnownHosts}", "-i", ClientKey, "-o", "LogLevel=ERROR", $"root@{Address(host)}", script], TimeSpan.FromMinutes(2), check: false);
        return exit == 0 ? output : throw new InvalidOperationException($"ssh lab{host} failed ({exit}): {error}");
    }

    /// <summary>Runs a program (in the repository, unless <paramref name="directory"/> says where) with extra <paramref name="environment"/> variables.</summary>
    public static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan timeout, bool check = true, string? directory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = directory ?? RepositoryRoot };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {timeout}");
        }

        process.WaitForExit();
        var result = (process.ExitCode, output.Result, error.Result);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited {result.ExitCode}:\n{result.Item2}\n{result.Item3}");
        }

        return result;
    }
}
