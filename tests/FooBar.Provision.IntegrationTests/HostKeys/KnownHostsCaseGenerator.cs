using FooBar.Provision.Transport.HostKeys;

namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>
/// Generates known_hosts files from a seed: host fields (exact <c>[name]:port</c>, bare name, another port, other hosts,
/// <c>*</c> and <c>?</c> patterns, comma lists, negations that do and do not match, hashed names, upper case), markers
/// (none, <c>@cert-authority</c>, <c>@revoked</c>), keys (served, wrong of the same type, of another type, right and wrong
/// CAs), and lines OpenSSH skips (unknown marker, type mismatch, truncated key, comments); spaces or tabs between fields
/// (a marker followed by a tab is OpenSSH's quirk: it ends at the line's first space), leading blanks, CRLF line ends.
/// </summary>
public sealed class KnownHostsCaseGenerator(DifferentialServers servers, int seed)
{
    private static readonly string[] Addresses = ["127.0.0.1", "localhost", "LocalHost"];
    private static readonly string[] CaNames = ["ca-ed25519", "ca-ecdsa", "ca-rsa", "ca-unused"];
    private static readonly string[] WrongNames = ["wrong-ed25519", "wrong-ecdsa", "wrong-rsa"];
    private readonly Random _random = new(seed);

    /// <summary>The cases, <paramref name="count"/> of them.</summary>
    public IReadOnlyList<DifferentialCase> Generate(int count) =>
        [.. Enumerable.Range(1, count).Select(id =>
        {
            var server = Pick(servers.Servers);
            var address = Pick(Addresses);
            var lines = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Line(server, address.ToLowerInvariant())).ToList();
            var newline = _random.Next(10) == 0 ? "\r\n" : "\n";
            return new DifferentialCase(id, server, address, string.Join(newline, lines) + (_random.Next(4) == 0 ? string.Empty : newline));
        })];

    private string Line(DifferentialServer server, string name)
    {
        var roll = _random.Next(100);
        if (roll < 4)
        {
            return Pick(["# a comment", string.Empty, "   ", $"@bogus {Hosts(server, name)} {Pick(server.HostKeys)}"]);
        }

        var marker = roll switch
        {
            < 70 => string.Empty,
            < 85 => "@cert-authority ",
            _ => "@revoked ",
        };
        var key = Key(server, marker);
        if (_random.Next(25) == 0)
        {
            key = Malformed(key);
        }

        var separator = Pick([" ", " ", "\t", "  "]);
        return $"{Pick(["", "", "", " ", "\t"])}{marker.Replace(" ", separator, StringComparison.Ordinal)}{Hosts(server, name)}{separator}{key.Replace(" ", separator, StringComparison.Ordinal)}{Pick(["", "", " comment", "\troot@host"])}";
    }

    private string Key(DifferentialServer server, string marker)
    {
        var caRoll = marker.StartsWith("@cert", StringComparison.Ordinal) ? 80 : marker.StartsWith("@rev", StringComparison.Ordinal) ? 35 : 10;
        if (_random.Next(100) < caRoll)
        {
            return server.CertificateAuthority is { } ca && _random.Next(2) == 0 ? ca : servers.Keys[Pick(CaNames)];
        }

        return _random.Next(100) < 55 ? Pick(server.HostKeys) : servers.Keys[Pick(WrongNames)];
    }

    private string Malformed(string key)
    {
        var parts = key.Split(' ');
        return _random.Next(3) switch
        {
            0 => $"{(parts[0] == "ssh-ed25519" ? "ssh-rsa" : "ssh-ed25519")} {parts[1]}",
            1 => $"{parts[0]} {parts[1][..(parts[1].Length / 2)]}",
            _ => parts[0],
        };
    }

    private string Hosts(DifferentialServer server, string name)
    {
        var port = server.Port;
        var exact = $"[{name}]:{port}";
        var field = _random.Next(15) switch
        {
            0 or 1 or 2 => exact,
            3 => name,
            4 => $"[{name}]:{port + 1}",
            5 => Pick(["*", $"[{name}]:*", "[*]:" + port]),
            6 => name == "127.0.0.1" ? Pick([$"[127.0.0.?]:{port}", $"[127.*]:{port}", "127.0.0.?"]) : Pick([$"[local*]:{port}", $"[?ocalhost]:{port}", "local*"]),
            7 => $"other.example,{exact},10.9.8.7",
            8 => Pick([$"*,!{exact}", $"!{name},*", $"!*.example,{exact}", $"{exact},![{name}]:*", $"!10.*,[{name}]:*"]),
            9 => HashedHostName.Hash(Pick([exact, exact, name, $"[{name}]:{port + 1}"])),
            10 => exact.ToUpperInvariant(),
            11 => Pick(["other.example", "[10.9.8.7]:" + port, "!*"]),
            12 => $"{Pick([name, exact])},{Pick(["localhost", "127.0.0.1", "[localhost]:" + port, "[127.0.0.1]:" + port])}",
            _ => Pick([exact, $"[{name}]:*"]),
        };
        return field;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
