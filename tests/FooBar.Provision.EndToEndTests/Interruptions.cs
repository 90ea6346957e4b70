using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// What the interruption tests need besides <see cref="Provision"/>: a <c>provision</c> running in the background that
/// can be paused and signalled, the lab host's files and processes as this machine sees them (the hosts' root
/// directories and their processes are visible here), releases that say which one serves, and the consistency check.
/// </summary>
internal static class Interruptions
{
    public const string Journal = "/var/lib/foobar-provision/journal.json";
    public const string Domain = "www.foobar.com";

    /// <summary>The host's root directory as this machine sees it.</summary>
    public static string Root(int host) => $"/var/lib/foobar-lab/hosts/lab{host}/root";

    /// <summary>Starts <c>provision</c> as a separate process (its output drained, not kept).</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Lab.RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "provision.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("provision did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void Signal(string signal, int pid)
    {
        // A process that already ended is fine (SIGCONT after SIGKILL): kill's complaint is not shown.
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true }) ??
                         throw new InvalidOperationException("kill did not start");
        kill.StandardError.ReadToEnd();
        kill.WaitForExit();
    }

    /// <summary>Ends a controller that was paused: sends <paramref name="signal"/>, resumes it so it takes it, waits (bounded) for it to end.</summary>
    public static void End(Process controller, string signal)
    {
        Signal(signal, controller.Id);
        Signal("CONT", controller.Id);
        if (!controller.WaitForExit(30_000))
        {
            controller.Kill(entireProcessTree: true);
            throw new TimeoutException($"provision did not end within 30 s of SIG{signal}");
        }
    }

    /// <summary>Polls <paramref name="condition"/> every millisecond or so, at most <paramref name="limit"/>.</summary>
    public static bool Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(1);
        }

        return false;
    }

    /// <summary>Processes of lab host <paramref name="host"/> named <paramref name="name"/> (the hostname in their root directory is the host's), with <paramref name="argument"/> among their arguments when given.</summary>
    public static int[] HostProcesses(int host, string name, string? argument = null)
    {
        var found = new List<int>();
        foreach (var pid in Pids())
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == name && File.ReadAllText($"/proc/{pid}/root/etc/hostname").Trim() == $"lab{host}" &&
                    (argument is null || File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains(argument)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return [.. found];
    }

    /// <summary>A copy of the python sample app whose page greets with <paramref name="marker"/>: a new release that tells which one serves.</summary>
    public static string Release(string marker)
    {
        var target = SampleApp.Copy();
        var app = Path.Combine(target, "foobar_app.py");
        const string Greeting = "GREETING = \"Hello from www.foobar.com\"";
        var code = File.ReadAllText(app);
        Assert.Contains(Greeting, code, StringComparison.Ordinal);
        File.WriteAllText(app, code.Replace(Greeting, $"GREETING = \"Hello from www.foobar.com, release {marker}\"", StringComparison.Ordinal));
        return target;
    }

    public static string NewMarker() => Guid.NewGuid().ToString("N")[..10];

    public static int Changed(System.Text.Json.JsonElement report) => Provision.Ids(report, "changed").Count;

    public static string Current(int host) => new FileInfo(Root(host) + "/srv/foobar/current").LinkTarget ?? "";

    /// <summary>
    /// The host is consistent: nginx's configuration passes <c>nginx -t</c>, nginx, MariaDB and the app are active, dpkg
    /// has nothing half-installed, and the site answers 200 through nginx with the page of release <paramref name="marker"/>
    /// (any release when null). Returns what is wrong, or an empty list.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InconsistenciesAsync(int host, string? marker)
    {
        var problems = new List<string>();
        var state = Lab.Ssh(host, "nginx -t >/dev/null 2>&1 && echo nginx-t-ok; systemctl is-active nginx mariadb foobar | tr '\\n' ' '; echo; dpkg --audit 2>&1 | head -5").Split('\n');
        if (!state.Contains("nginx-t-ok"))
        {
            problems.Add("nginx -t fails");
        }

        if (state.Length < 2 || state[1].Trim() != "active active active")
        {
            problems.Add($"services nginx mariadb foobar: {(state.Length > 1 ? state[1] : "?")}");
        }

        var audit = string.Join('\n', state.Skip(2)).Trim();
        if (audit.Length > 0)
        {
            problems.Add("dpkg --audit: " + audit);
        }

        try
        {
            using var page = await Site.GetAsync(host, Domain, "/");
            var body = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"the site answers {(int)page.StatusCode}");
            }
            else if (marker is not null && !body.Contains($"release {marker}</h1>", StringComparison.Ordinal))
            {
                problems.Add($"the site does not serve release {marker}: {body.Split('\n').FirstOrDefault(l => l.Contains("<h1>", StringComparison.Ordinal))?.Trim()}");
            }
        }
        catch (HttpRequestException e)
        {
            problems.Add("the site does not answer: " + e.Message);
        }

        return problems;
    }

    private static IEnumerable<int> Pids()
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }
}
