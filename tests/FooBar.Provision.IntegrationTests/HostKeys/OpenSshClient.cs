using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>
/// The reference: <c>ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=CASE -o GlobalKnownHostsFile=/dev/null
/// -o BatchMode=yes … true</c>, with no configuration file (OpenSSH's defaults), and what it decided. ssh decides about
/// the host key before authentication, so it offers no key (<c>PreferredAuthentications=none</c>): "Permission denied"
/// after the key exchange means the host key was trusted, and no session is started (a third of the cost). Both clients
/// use curve25519 for the key exchange: OpenSSH's default sntrup761 costs ten times the CPU and decides nothing here.
/// </summary>
public static class OpenSshClient
{
    private const string AlgorithmMarker = "debug1: kex: host key algorithm: ";

    /// <summary>Runs ssh for <paramref name="testCase"/> with its known_hosts at <paramref name="knownHosts"/> and <c>StrictHostKeyChecking=</c><paramref name="mode"/>.</summary>
    public static async Task<ClientDecision> DecideAsync(DifferentialCase testCase, string knownHosts, string mode = "yes")
    {
        var startInfo = new ProcessStartInfo("ssh") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[]
        {
            "-F", "/dev/null", "-v", "-o", "BatchMode=yes", "-o", $"StrictHostKeyChecking={mode}", "-o", $"UserKnownHostsFile={knownHosts}",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "UpdateHostKeys=no", "-o", "PreferredAuthentications=none",
            "-o", $"KexAlgorithms={SshNetClient.KeyExchange}",
            "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "ConnectTimeout=20", "-p", testCase.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", "root", "--", testCase.Address, "true",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("ssh did not start");
        process.StandardInput.Close();
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ClientDecision("error", null, "ssh did not finish within 60 s");
        }

        var stderr = await stderrTask;
        await stdoutTask;
        var algorithm = stderr.Split('\n').Where(line => line.StartsWith(AlgorithmMarker, StringComparison.Ordinal))
            .Select(line => line[AlgorithmMarker.Length..].Trim()).FirstOrDefault();
        var said = string.Join('\n', stderr.Split('\n').Where(line => !line.StartsWith("debug", StringComparison.Ordinal) && !line.StartsWith("OpenSSH_", StringComparison.Ordinal)));
        var trusted = process.ExitCode == 0 || (stderr.Contains("Permission denied", StringComparison.Ordinal) && !stderr.Contains("Host key verification failed.", StringComparison.Ordinal));
        return new ClientDecision(trusted ? "trusted" : Category(stderr), algorithm, said.Trim());
    }

    // The last host-key verdict ssh logged decides (a look-up without the port may log one that the final look-up overrides).
    private static string Category(string stderr)
    {
        if (!stderr.Contains("Host key verification failed.", StringComparison.Ordinal))
        {
            return "error";
        }

        var markers = new (string Text, string Category)[]
        {
            ("REVOKED HOST KEY DETECTED", "revoked"),
            ("REMOTE HOST IDENTIFICATION HAS CHANGED", "changed"),
            ("host key is known for", "unknown"),
        };
        var last = markers.Select(marker => (Index: stderr.LastIndexOf(marker.Text, StringComparison.Ordinal), marker.Category)).MaxBy(found => found.Index);
        return last.Index >= 0 ? last.Category : "refused";
    }
}
