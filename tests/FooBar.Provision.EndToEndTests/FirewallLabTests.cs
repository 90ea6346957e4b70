using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The firewall role on three fresh lab hosts (db 41, web 42, lb 43): converged and idempotent; 3306 on the database
/// open from the web server and dropped from the load balancer; a ruleset that would cut the controller off refused
/// before anything is written; a ruleset that passes that check but drops new SSH connections (a template override
/// without the rules) undone by the guard, the host still reachable.
/// </summary>
public sealed class FirewallLabTests(ITestOutputHelper output)
{
    private const int Db = 41;
    private const int Web = 42;
    private const int Lb = 43;

    [Fact]
    public void The_firewall_opens_what_it_allows_drops_the_rest_and_never_cuts_the_controller_off()
    {
        foreach (var host in new[] { Db, Web, Lb })
        {
            Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", host.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        }

        var inventory = Inventory();
        var clock = Stopwatch.StartNew();
        var first = Provision.Json("apply", inventory);
        var converge = clock.Elapsed.TotalSeconds;
        var second = Provision.Json("apply", inventory);
        Assert.True(first.Exit == 0, first.Raw);
        Assert.True(second.Exit == 0 && Provision.Ids(second.Report, "changed").Count == 0, second.Raw);

        Lab.Ssh(Db, "(timeout 120 python3 -m http.server 3306 >/dev/null 2>&1 &)");
        Lab.Ssh(Web, "(timeout 120 python3 -m http.server 80 >/dev/null 2>&1 &)");
        Thread.Sleep(1000);
        Assert.Equal("open", Connect(Web, Db, 3306));
        Assert.Equal("timeout", Connect(Lb, Db, 3306));
        Assert.Equal("open", Connect(Lb, Web, 80));
        Assert.Equal("timeout", Connect(Db, Web, 80));
        Assert.Equal("refused", Connect(Db, Lb, 80)); // open to any: nothing listens, the host answers
        Assert.Equal("timeout", Connect(Web, Lb, 3306));

        var refused = Provision.Json("plan", inventory, "--var", $"firewall_ssh_from=10.99.{Web}.0/24");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("would cut the controller off", refused.Raw, StringComparison.Ordinal);
        Assert.Contains($"firewall_ssh_from: [10.99.{Web}.0/24, 10.99.{Db}.1/32]", refused.Raw, StringComparison.Ordinal);

        var templates = Path.Combine(Path.GetDirectoryName(inventory)!, "templates", "firewall");
        Directory.CreateDirectory(templates);
        var builtIn = File.ReadAllText(Path.Combine(Lab.RepositoryRoot, "roles", "Firewall", "templates", "firewall.nft.scriban"));
        var start = builtIn.IndexOf("{{~ for rule in firewall_rules ~}}", StringComparison.Ordinal);
        var end = builtIn.IndexOf("{{~ end ~}}\n", start, StringComparison.Ordinal) + "{{~ end ~}}\n".Length;
        File.WriteAllText(Path.Combine(templates, "firewall.nft.scriban"), builtIn[..start] + builtIn[end..]);
        clock.Restart();
        var guarded = Provision.Json("apply", inventory, "--limit", $"lab{Lb}");
        var undone = clock.Elapsed.TotalSeconds;
        Assert.Equal(1, guarded.Exit);
        Assert.Contains("a new SSH connection to the host failed", guarded.Raw, StringComparison.Ordinal);
        Assert.Contains("the previous ruleset was loaded again", guarded.Raw, StringComparison.Ordinal);
        Assert.Equal("ok", Lab.Ssh(Lb, "echo ok").Trim());

        Directory.Delete(templates, recursive: true);
        var after = Provision.Json("apply", inventory);
        Assert.True(after.Exit == 0 && Provision.Ids(after.Report, "changed").Count == 0, after.Raw);
        output.WriteLine($"converge of 3 hosts {converge:0.0} s; second apply changed=0; 3306 open from web, dropped from lb; SSH-cutting ruleset refused in the plan; an override without SSH undone in {undone:0.0} s (apply to failure)");
    }

    // From lab <from>, a TCP connection to lab <to>:<port> within 3 s: open, refused (nothing listens) or timeout (dropped).
    private static string Connect(int from, int to, int port) => Lab.Ssh(from, $"""
        python3 - <<'EOF'
        import socket
        s = socket.socket()
        s.settimeout(3)
        try:
            s.connect(("{Lab.Address(to)}", {port}))
            print("open")
        except socket.timeout:
            print("timeout")
        except ConnectionRefusedError:
            print("refused")
        EOF
        """).Trim();

    private static string Inventory()
    {
        var directory = Directory.CreateTempSubdirectory("fbp-e2e-firewall-").FullName;
        var path = Path.Combine(directory, "inventory.yaml");
        var hosts = string.Concat(new[] { Db, Web, Lb }.Select(h => $"""
              lab{h}:
                address: {Lab.Address(h)}
                user: root
                identity_file: {Lab.ClientKey}
                known_hosts: {Lab.KnownHosts}

            """));
        File.WriteAllText(path, $"""
            groups:
              db:
                hosts: [lab{Db}]
                roles: [firewall]
                vars:
                  firewall_allow: [{"{"} port: 3306, from: web {"}"}]
              web:
                hosts: [lab{Web}]
                roles: [firewall]
                vars:
                  firewall_allow: [{"{"} port: 80, from: lb {"}"}]
              lb:
                hosts: [lab{Lb}]
                roles: [firewall]
                vars:
                  firewall_allow: [{"{"} port: [80, 443] {"}"}]
            hosts:
            {hosts}
            """);
        return path;
    }
}
