using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>
/// The differential suite: for generated known_hosts files, SSH.NET with <see cref="FooBar.Provision.Transport.HostKeys.HostKeyVerifier"/>
/// accepts or refuses a private sshd exactly when <c>ssh -o StrictHostKeyChecking=yes</c> does, for the same reason
/// (unknown, changed, revoked) and with the same negotiated host key algorithm.
/// </summary>
public sealed class HostKeyDifferentialTests(DifferentialServers servers, ITestOutputHelper output) : IClassFixture<DifferentialServers>
{
    private const int DefaultSeed = 20261130;
    private const int DefaultCount = 500;

    [Fact]
    public async Task SshNet_with_the_verifier_trusts_a_host_exactly_when_OpenSSH_does()
    {
        var seed = Setting("FOOBAR_HOSTKEYS_SEED", DefaultSeed);
        var cases = new KnownHostsCaseGenerator(servers, seed).Generate(Setting("FOOBAR_HOSTKEYS_CASES", DefaultCount));
        var results = new ConcurrentBag<(DifferentialCase Case, ClientDecision OpenSsh, ClientDecision SshNet)>();
        var clock = Stopwatch.StartNew();

        long openSshTicks = 0, sshNetTicks = 0;

        // Mostly waiting on processes and sockets: more cases in flight than cores keeps both busy.
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (testCase, cancellationToken) =>
        {
            var knownHosts = Path.Combine(servers.WorkDirectory, $"known_hosts_case{testCase.Id}");
            await File.WriteAllTextAsync(knownHosts, testCase.KnownHosts, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var openSsh = await OpenSshClient.DecideAsync(testCase, knownHosts);
            var middle = Stopwatch.GetTimestamp();
            var sshNet = await SshNetClient.DecideAsync(testCase, knownHosts);
            Interlocked.Add(ref openSshTicks, middle - started);
            Interlocked.Add(ref sshNetTicks, Stopwatch.GetTimestamp() - middle);
            results.Add((testCase, openSsh, sshNet));
        });

        clock.Stop();
        output.WriteLine($"per case: ssh {Stopwatch.GetElapsedTime(0, openSshTicks).TotalMilliseconds / cases.Count:F0} ms, SSH.NET {Stopwatch.GetElapsedTime(0, sshNetTicks).TotalMilliseconds / cases.Count:F0} ms (wall, 12 in parallel)");
        var byCategory = results.GroupBy(result => result.OpenSsh.Category).OrderBy(group => group.Key).Select(group => $"{group.Key} {group.Count()}");
        output.WriteLine($"{results.Count} known_hosts cases (seed {seed}) against {servers.Servers.Count} sshd in {clock.Elapsed.TotalSeconds:F1} s; OpenSSH: {string.Join(", ", byCategory)}");
        var differences = results.Where(result => result.OpenSsh.Category != result.SshNet.Category || result.OpenSsh.Algorithm != result.SshNet.Algorithm)
            .OrderBy(result => result.Case.Id).ToList();
        Assert.True(differences.Count == 0, Describe(differences));
        Assert.True(results.Count >= 300, $"only {results.Count} cases");
        foreach (var category in new[] { "trusted", "unknown", "changed", "revoked" })
        {
            Assert.True(results.Count(result => result.OpenSsh.Category == category) >= 10, $"fewer than 10 cases end {category}: the generator does not cover it");
        }
    }

    [Fact]
    public async Task Under_accept_new_SshNet_records_the_line_OpenSSH_records_and_refuses_what_it_refuses()
    {
        // Every fourth case whose file ends with a newline (OpenSSH would append to an unterminated last line; we add the newline).
        var cases = new KnownHostsCaseGenerator(servers, Setting("FOOBAR_HOSTKEYS_SEED", DefaultSeed)).Generate(Setting("FOOBAR_HOSTKEYS_CASES", DefaultCount))
            .Where(testCase => testCase.Id % 4 == 0 && testCase.KnownHosts.EndsWith('\n')).ToList();
        var results = new ConcurrentBag<(DifferentialCase Case, ClientDecision OpenSsh, string OpenSshFile, ClientDecision SshNet, string SshNetFile)>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (testCase, cancellationToken) =>
        {
            var forOpenSsh = Path.Combine(servers.WorkDirectory, $"known_hosts_new{testCase.Id}_openssh");
            var forSshNet = Path.Combine(servers.WorkDirectory, $"known_hosts_new{testCase.Id}_sshnet");
            await File.WriteAllTextAsync(forOpenSsh, testCase.KnownHosts, cancellationToken);
            await File.WriteAllTextAsync(forSshNet, testCase.KnownHosts, cancellationToken);
            var openSsh = await OpenSshClient.DecideAsync(testCase, forOpenSsh, "accept-new");
            var sshNet = await SshNetClient.DecideAsync(testCase, forSshNet, FooBar.Provision.Inventory.HostKeyChecking.AcceptNew);
            results.Add((testCase, openSsh, await File.ReadAllTextAsync(forOpenSsh, cancellationToken), sshNet, await File.ReadAllTextAsync(forSshNet, cancellationToken)));
        });

        var recorded = results.Count(result => result.OpenSshFile != result.Case.KnownHosts);
        output.WriteLine($"{results.Count} accept-new cases, {recorded} recorded a key");
        var differences = results.Where(result => result.OpenSsh.Category != result.SshNet.Category || result.OpenSshFile != result.SshNetFile).OrderBy(result => result.Case.Id)
            .Select(result => $"--- {result.Case}\n  OpenSSH: {result.OpenSsh.Category} {Tail(result.OpenSsh.Detail)}\n{result.OpenSshFile}\n  SSH.NET: {result.SshNet.Category} {result.SshNet.Detail}\n{result.SshNetFile}")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} cases differ:\n{string.Join('\n', differences.Take(6))}");
        Assert.True(recorded >= 10, $"only {recorded} cases recorded a key");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Describe(List<(DifferentialCase Case, ClientDecision OpenSsh, ClientDecision SshNet)> differences)
    {
        var text = new StringBuilder($"{differences.Count} cases differ:\n");
        foreach (var (testCase, openSsh, sshNet) in differences.Take(8))
        {
            text.Append(CultureInfo.InvariantCulture, $"--- {testCase}\n  OpenSSH: {openSsh.Category} ({openSsh.Algorithm}) {Tail(openSsh.Detail)}\n  SSH.NET: {sshNet.Category} ({sshNet.Algorithm}) {sshNet.Detail}\n");
        }

        return text.ToString();
    }

    private static string Tail(string text) => text.Length > 600 ? text[^600..] : text;
}
