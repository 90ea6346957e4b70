using System.Text.Json;

namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>
/// rollback and verify with the Native AOT binary (tried against lab2 too: two releases, rollback, a second rollback with
/// none left, verify with the lab's resolver, nginx stopped, a resolver that does not answer), and the checks made
/// before any connection (a missing identity_file, a strict known_hosts that does not exist, an empty Host line in the
/// ssh config, an empty option value, another verb's option before run's '--').
/// </summary>
public sealed partial class NativeAotTests
{
    [Fact]
    public async Task The_checks_before_any_connection_give_the_jit_builds_output_and_exit_3()
    {
        var loopback = Write("gaps-loopback.yaml", "hosts:\n  web1: { address: 127.0.0.1, port: 1, roles: [nginx] }\n");
        var missingKey = Write("gaps-key.yaml", $"hosts:\n  web1: {{ address: 127.0.0.1, port: 1, identity_file: {_directory}/no-such-key }}\n");
        var strict = Write("gaps-strict.yaml", $"hosts:\n  web1: {{ address: 127.0.0.1, port: 1, known_hosts: {_directory}/no-such-known-hosts }}\n");
        var emptyHost = Write("gaps-ssh-config", "Host other\n  User deploy\nHost\n  User nobody\n");
        var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1", ["XDG_CACHE_HOME"] = _directory, ["FOOBAR_SSH_CONFIG"] = "none" };
        string[][] cases =
        [
            ["plan", missingKey],
            ["check", strict],
            ["plan", loopback, "--verbose="],
            ["apply", loopback, "--forks="],
            ["run", loopback, "--tags=", "--", "true"],
            ["rollback", loopback],
            ["rollback", loopback, "--verbose="],
            ["verify", loopback, "--dns-server", "0"],
            ["verify", loopback, "--dns-server="],
        ];

        foreach (var args in cases)
        {
            await AssertSameAsync(environment, args, expectedExit: 3);
        }

        await AssertSameAsync(new Dictionary<string, string>(environment) { ["FOOBAR_SSH_CONFIG"] = emptyHost }, ["plan", loopback], expectedExit: 3);
    }

    [Fact]
    public async Task Rollback_and_verify_work_over_the_loopback_sshd()
    {
        // A release layout of a unique application under /srv, as app-files leaves it: two releases, the second live.
        var name = "fbaot" + Guid.NewGuid().ToString("N")[..10];
        var root = Path.Combine("/srv", name);
        try
        {
            foreach (var release in new[] { "aaaaaaaaaaaa", "bbbbbbbbbbbb" })
            {
                Directory.CreateDirectory(Path.Combine(root, "releases", release));
                File.WriteAllText(Path.Combine(root, "releases", release, ".provision-release"), "");
            }

            File.WriteAllText(Path.Combine(root, "releases", ".history"), "aaaaaaaaaaaa\nbbbbbbbbbbbb\n");
            File.CreateSymbolicLink(Path.Combine(root, "current"), "releases/bbbbbbbbbbbb");
            Directory.CreateDirectory(Path.Combine(_directory, "app"));
            var inventory = Write("gaps-rollback.yaml", $$"""
                hosts:
                  loopback:
                    address: 127.0.0.1
                    port: {{sshd.Port}}
                    user: root
                    identity_file: {{sshd.ClientKeyFile}}
                    known_hosts: {{sshd.KnownHostsFile}}
                    roles: [app-files]
                    vars: { app_name: {{name}}, app_source: app, db_password: { env: FOOBAR_AOT_DB } }
                """);
            var environment = new Dictionary<string, string> { ["FOOBAR_AOT_DB"] = Secret, ["NO_COLOR"] = "1", ["XDG_CACHE_HOME"] = _directory, ["FOOBAR_SSH_CONFIG"] = "none" };

            var first = await NativeRun.RunAsync(binary.Path, environment, "rollback", inventory);
            var link = new FileInfo(Path.Combine(root, "current")).LinkTarget;
            var second = await NativeRun.RunAsync(binary.Path, environment, "rollback", inventory, "--transport", "openssh", "-vv");

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Equal($"loopback  rolled back {root}/current: bbbbbbbbbbbb -> aaaaaaaaaaaa  round_trips=2\n", first.Stdout);
            Assert.Equal("releases/aaaaaaaaaaaa", link);
            Assert.True(second.ExitCode == 1, second.ToString());
            Assert.Contains($"failed: there is no release before aaaaaaaaaaaa to roll back to in {root}/releases", second.Stdout, StringComparison.Ordinal);
            Assert.Contains("loopback $ (read-only", second.Stderr, StringComparison.Ordinal);
            await AssertSameAsync(environment, ["rollback", inventory], expectedExit: 1);
            Assert.DoesNotContain(Secret, first.Stdout + first.Stderr + second.Stdout + second.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        // verify asks only a resolver on loopback (a closed port: no answer) and GETs the host's loopback address.
        var site = Write("gaps-verify.yaml", "hosts:\n  loopback: { address: 127.0.0.1, port: 1, roles: [nginx], vars: { domain: www.example.test } }\n");
        var quiet = new Dictionary<string, string> { ["NO_COLOR"] = "1", ["FOOBAR_SSH_CONFIG"] = "none" };
        var text = await NativeRun.RunAsync(binary.Path, quiet, "verify", site, "--dns-server", "127.0.0.1:1", "--timeout", "1");
        var json = await NativeRun.RunAsync(binary.Path, quiet, "verify", site, "--dns-server", "127.0.0.1:1", "--timeout", "1", "--output", "json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("www.example.test  dns-failed  no answer from the DNS server 127.0.0.1:1 for www.example.test within 1 s", text.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 1, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var check = document.RootElement.GetProperty("hosts")[0].GetProperty("checks")[0];
        Assert.Equal("dns-failed", check.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1", check.GetProperty("dns").GetProperty("expected")[0].GetString());
        Assert.Equal(1, document.RootElement.GetProperty("exitCode").GetInt32());
        output.WriteLine(text.ToString());
    }

    private async Task AssertSameAsync(IReadOnlyDictionary<string, string> environment, string[] args, int expectedExit)
    {
        var native = await NativeRun.RunAsync(binary.Path, environment, args);
        var jit = await JitAsync(environment, args);

        Assert.True(jit.ExitCode == native.ExitCode && jit.Stdout == native.Stdout && jit.Stderr == native.Stderr,
            $"provision {string.Join(' ', args)}\n=== JIT\n{jit}\n=== Native AOT\n{native}");
        Assert.True(native.ExitCode == expectedExit, $"provision {string.Join(' ', args)}\n{native}");
        Assert.DoesNotContain("   at ", native.Stderr + native.Stdout, StringComparison.Ordinal);
    }
}
