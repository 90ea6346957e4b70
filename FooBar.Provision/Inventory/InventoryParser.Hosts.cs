using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>The <c>hosts:</c> section.</summary>
internal sealed partial class InventoryParser
{
    private static readonly string[] HostKeys =
    [
        "address", "port", "user", "identity_file", "identity_passphrase", "known_hosts", "host_key_checking", "transport",
        "kex_algorithms",
        "become", "become_password", "connect_timeout", "keepalive_interval", "keepalive_count_max", "command_timeout",
        "apt_lock_timeout", "roles", "vars", "jump",
    ];

    private const string NameHint = "use letters, digits, '-', '_' and '.', such as www or web-1; names are printed to terminals and given to --limit";

    private const string AddHostsHint = "add hosts, for example:\n    hosts:\n      www:\n        address: 192.0.2.10";

    private List<ParsedHost> ParseHosts(YamlMappingNode top)
    {
        var hosts = new List<ParsedHost>();
        var hostsKey = top.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: "hosts" });
        var node = Find(top, "hosts");
        if (hostsKey is null || node is null || IsNull(node) || node is YamlMappingNode { Children.Count: 0 })
        {
            Error(hostsKey ?? top, "the inventory declares no hosts", AddHostsHint);
            return hosts;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"'hosts' must be a mapping of host name to settings, not {Describe(node)}", AddHostsHint);
            return hosts;
        }

        foreach (var (key, value) in map.Children)
        {
            if (ReadName(key, "the host name", InventoryNames.NameProblem, NameHint) is { } name)
            {
                hosts.Add(ParseHost(name, key, value));
            }
        }

        return hosts;
    }

    private ParsedHost ParseHost(string name, YamlNode key, YamlNode value)
    {
        var location = At(key);
        var addressHint = $"add 'address: <IP address or DNS name>' under host '{name}'";
        if (value is not YamlMappingNode map)
        {
            var message = IsNull(value) ? $"host '{name}' has no 'address'" : $"host '{name}' must be a mapping of settings, not {Describe(value)}";
            Error(location, message, IsNull(value) ? addressHint : $"write the settings of '{name}' indented under it, starting with 'address:'");
            return new ParsedHost(new HostEntry(name, "") { Location = location }, [], new Dictionary<string, object?>());
        }

        CheckKeys(map, HostKeys, $"in host '{name}'");
        ReadJump(map, "host:" + name, $"host '{name}'");
        var address = Find(map, "address") is { } addressNode && !IsNull(addressNode)
            ? ReadName(addressNode, $"the address of host '{name}'", InventoryNames.AddressProblem, "write an IP address (192.0.2.10, 2001:db8::10) or a host name (www.example.com); nothing else reaches ssh")
            : null;
        if (address is null && (Find(map, "address") is null || IsNull(Find(map, "address"))))
        {
            Error(location, $"host '{name}' has no 'address'", addressHint);
        }

        var entry = new HostEntry(name, address ?? "")
        {
            Port = ReadInt(map, "port", $"the port of host '{name}'", 1, 65535, 22),
            PortGiven = Find(map, "port") is { } portNode && !IsNull(portNode),
            User = Find(map, "user") is { } userNode && !IsNull(userNode)
                ? ReadName(userNode, $"the user of host '{name}'", InventoryNames.UserProblem, "write the remote login name, such as deploy")
                : null,
            IdentityFile = ReadPath(map, "identity_file", $"the identity_file of host '{name}'"),
            IdentityPassphrase = ReadSecret(map, "identity_passphrase", $"identity_passphrase of host '{name}'"),
            KnownHostsFile = ReadPath(map, "known_hosts", $"the known_hosts of host '{name}'"),
            HostKeyChecking = ReadHostKeyChecking(map, name),
            Become = ReadBool(map, "become", $"become of host '{name}'"),
            BecomePassword = ReadSecret(map, "become_password", $"become_password of host '{name}'"),
            ConnectTimeoutSeconds = ReadInt(map, "connect_timeout", $"the connect_timeout of host '{name}'", 1, 3600, 10),
            KeepAliveIntervalSeconds = ReadInt(map, "keepalive_interval", $"the keepalive_interval of host '{name}'", 1, 3600, 5),
            KeepAliveCountMax = ReadInt(map, "keepalive_count_max", $"the keepalive_count_max of host '{name}'", 1, 100, 3),
            CommandTimeoutSeconds = ReadInt(map, "command_timeout", $"the command_timeout of host '{name}'", 1, 86400, 600),
            AptLockTimeoutSeconds = ReadInt(map, "apt_lock_timeout", $"the apt_lock_timeout of host '{name}'", 0, 86400, 120),
            Location = location,
        };
        CheckKnownHosts(map, entry);
        var roles = ReadRoles(Find(map, "roles"), $"roles of host '{name}'");
        var vars = ParseVars(Find(map, "vars"), $"host '{name}'");
        return new ParsedHost(entry, roles, vars) { Transport = ReadTransport(map, $"host '{name}'"), KexAlgorithms = ReadKex(map, $"host '{name}'") };
    }

    // The host's own known_hosts: with accept-new it must be able to take a key (a missing file in an existing, writable
    // directory is fine: ssh creates it); with strict it must exist, or no key of the host can be checked. The default
    // ~/.ssh/known_hosts and one from ~/.ssh/config are checked when the config has been read (InventoryLoading).
    private void CheckKnownHosts(YamlMappingNode map, HostEntry entry)
    {
        if (entry.KnownHostsFile is not { } path || Find(map, "known_hosts") is not { } node || LocalFiles.Problem(path) is not null)
        {
            return;
        }

        if (entry.HostKeyChecking == HostKeyChecking.AcceptNew && Transport.KnownHostsCheck.Why(path, userDefault: false) is { } why)
        {
            Error(node, Transport.KnownHostsCheck.Refusal(entry, path, why), Transport.KnownHostsCheck.Hint(entry));
        }
        else if (entry.HostKeyChecking == HostKeyChecking.Strict && FileKinds.Of(path) == FileKind.Missing)
        {
            Error(
                node,
                $"the known_hosts of host '{entry.Name}' '{path}' does not exist, and host_key_checking is strict: no key of the host could be checked, so every connection would be refused",
                $"record the host's key first ({Transport.KnownHostsCheck.KeyScan(entry)} >> {path}, after comparing its fingerprint out of band), fix the path, or use host_key_checking: accept-new to record it on first contact");
        }
    }

    private HostKeyChecking ReadHostKeyChecking(YamlMappingNode map, string host)
    {
        if (Find(map, "host_key_checking") is not { } node || IsNull(node))
        {
            return HostKeyChecking.Strict;
        }

        switch ((node as YamlScalarNode)?.Value)
        {
            case "strict":
                return HostKeyChecking.Strict;
            case "accept-new":
                return HostKeyChecking.AcceptNew;
            default:
                Error(node, $"host_key_checking of host '{host}' must be 'strict' or 'accept-new', not {Describe(node)}", "use strict (the key must already be in known_hosts) or accept-new (record the key of a new host on first contact)");
                return HostKeyChecking.Strict;
        }
    }

    private List<string> ReadRoles(YamlNode? node, string what)
    {
        var roles = new List<string>();
        foreach (var (role, item) in ReadNameList(node, what))
        {
            if (_knownRoles.ContainsKey(role))
            {
                roles.Add(role);
            }
            else
            {
                var known = _knownRoles.Keys.Order(StringComparer.Ordinal).ToArray();
                Error(item, $"unknown role '{role}' in {what}", Suggestions.Hint(role, known, "known roles"));
            }
        }

        return roles;
    }
}
