using System.Diagnostics;
using System.Globalization;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// The lab's HA topology (<c>lab/lab.sh up --topology ha</c>): lb1 lb2 web1 web2 db1 db2 at lab indices 11..16, the
/// load balancers sharing the virtual IP 10.99.200.100 on the bridge the machine also sits on.
/// </summary>
internal static class HaLab
{
    public const string VirtualIp = "10.99.200.100";
    public const string Domain = "www.ha.foobar.com";
    public const int Lb1 = 11, Lb2 = 12, Web1 = 13, Web2 = 14, Db1 = 15, Db2 = 16;

    /// <summary>The generated inventory of the topology.</summary>
    public static string Inventory { get; } = Path.Combine(Lab.RepositoryRoot, "inventory", "lab-ha.yaml");

    /// <summary>Boots the six hosts pristine (the other lab hosts are left alone) and returns the seconds it took.</summary>
    public static double UpFresh()
    {
        var clock = Stopwatch.StartNew();
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["up", "--topology", "ha", "--fresh"], TimeSpan.FromMinutes(5));
        return clock.Elapsed.TotalSeconds;
    }

    public static string Name(int host) => host switch
    {
        Lb1 => "lb1",
        Lb2 => "lb2",
        Web1 => "web1",
        Web2 => "web2",
        Db1 => "db1",
        Db2 => "db2",
        _ => throw new ArgumentOutOfRangeException(nameof(host), host, "not a host of the HA topology"),
    };

    /// <summary>The load balancer whose eth1 holds the virtual IP (read from its namespace on the machine), or null.</summary>
    public static int? VipHolder()
    {
        foreach (var lb in new[] { Lb1, Lb2 })
        {
            var (exit, output, _) = Lab.Run("ip", ["-n", $"fblab{lb}", "-o", "addr", "show", "dev", "eth1"], TimeSpan.FromSeconds(10), check: false);
            if (exit == 0 && output.Contains($" {VirtualIp}/", StringComparison.Ordinal))
            {
                return lb;
            }
        }

        return null;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when it never did.</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        return condition();
    }

    /// <summary>What haproxy on <paramref name="lb"/> reports for the backend's server <paramref name="server"/>: UP, DOWN, MAINT, DRAIN…</summary>
    public static string ServerStatus(int lb, string server)
    {
        var stat = Lab.Ssh(lb, "echo 'show stat' | socat stdio /run/haproxy/admin.sock");
        var header = stat.Split('\n')[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        var line = stat.Split('\n').Select(l => l.Split(',')).FirstOrDefault(f => f.Length > status && f[1] == server);
        return line is null ? "absent" : line[status];
    }

    /// <summary>Whether a TCP connection from lab host <paramref name="from"/> to <paramref name="address"/>:<paramref name="port"/> opens within 3 s.</summary>
    public static bool PortOpen(int from, string address, int port)
    {
        var answer = Lab.Ssh(from, string.Create(CultureInfo.InvariantCulture, $"""
            python3 - <<'EOF'
            import socket
            s = socket.socket(); s.settimeout(3)
            try:
                s.connect(("{address}", {port})); print("open")
            except OSError as e:
                print("closed", type(e).__name__)
            EOF
            """)).Trim();
        return answer == "open";
    }

    /// <summary>The page of the site as web server <paramref name="host"/> serves it to itself (its port 80 is the load balancers' only).</summary>
    public static string LocalGet(int host, string path) => Lab.Ssh(host, string.Create(CultureInfo.InvariantCulture, $"""
        python3 - <<'EOF'
        import urllib.request
        r = urllib.request.Request("http://127.0.0.1{path}", headers={"{"}"Host": "{Domain}"{"}"})
        print(urllib.request.urlopen(r, timeout=10).read().decode())
        EOF
        """));

    /// <summary>The release web server <paramref name="host"/> runs (the target of /srv/foobar/current).</summary>
    public static string Current(int host) => Lab.Ssh(host, "readlink /srv/foobar/current").Trim();
}
