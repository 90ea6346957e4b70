using System.Net;
using System.Net.Sockets;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>The accept rules of one host's input chain, from its variables, with inventory names resolved to addresses.</summary>
/// <remarks>What is not accepted is dropped (besides what every ruleset accepts: replies, loopback, essential ICMP).</remarks>
internal sealed class FirewallPolicy
{
    private FirewallPolicy(long sshPort, IReadOnlyList<string> sshFrom, IReadOnlyList<FirewallRule> rules)
    {
        SshPort = sshPort;
        SshFrom = sshFrom;
        Rules = rules;
    }

    /// <summary>The port SSH is opened on (<c>firewall_ssh_port</c>).</summary>
    public long SshPort { get; }

    /// <summary><c>firewall_ssh_from</c> as written, for messages.</summary>
    public IReadOnlyList<string> SshFrom { get; }

    /// <summary>Every accept rule, SSH first.</summary>
    public IReadOnlyList<FirewallRule> Rules { get; }

    /// <summary>
    /// The policy of <paramref name="variables"/> (checked and typed); each name in a source list is resolved by
    /// <paramref name="resolve"/> to the addresses of its hosts (null: no such group or host). Every name that cannot be
    /// used is reported in <paramref name="problems"/>.
    /// </summary>
    /// <param name="variables">The host's variables.</param>
    /// <param name="resolve">A group's or host's name to its hosts and their addresses; null for no such name.</param>
    /// <param name="problems">Where each problem goes.</param>
    /// <param name="groups">The inventory's group names, for messages.</param>
    public static FirewallPolicy From(VariableSet variables, Func<string, IReadOnlyList<(string Host, string Address)>?> resolve, ICollection<VariableProblem> problems, IEnumerable<string>? groups = null)
    {
        var known = groups is null ? "" : string.Join(", ", groups.Order(StringComparer.Ordinal));
        ArgumentNullException.ThrowIfNull(variables);
        var sshPort = variables.GetInt(FirewallVariables.SshPort.Name);
        var sshFrom = variables.GetStringList(FirewallVariables.SshFrom.Name);
        var rules = new List<FirewallRule>
        {
            new("tcp", [sshPort], Sources(sshFrom, FirewallVariables.SshFrom.Name, resolve, problems, known), FirewallVariables.SshFrom.Name),
        };
        var allow = variables.GetMapList(FirewallVariables.Allow.Name);
        for (var i = 0; i < allow.Count; i++)
        {
            var origin = $"{FirewallVariables.Allow.Name}[{i}]";
            var entry = new VariableSet(allow[i]);
            var ports = entry.GetStringList(FirewallVariables.AllowPort.Name).Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();
            var from = entry.GetStringList(FirewallVariables.AllowFrom.Name);
            rules.Add(new FirewallRule(entry.GetString(FirewallVariables.AllowProto.Name), ports, Sources(from, $"{origin}.from", resolve, problems, known), origin));
        }

        var vrrp = variables.GetStringList(FirewallVariables.VrrpFrom.Name);
        if (vrrp.Count > 0)
        {
            rules.Add(new FirewallRule("vrrp", [], Sources(vrrp, FirewallVariables.VrrpFrom.Name, resolve, problems, known), FirewallVariables.VrrpFrom.Name));
        }

        return new FirewallPolicy(sshPort, sshFrom, rules);
    }

    /// <summary>True when some rule accepts a new TCP connection from <paramref name="source"/> to <paramref name="port"/>.</summary>
    public bool AcceptsTcp(IPAddress source, long port)
    {
        ArgumentNullException.ThrowIfNull(source);
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        return Rules.Any(r => r.Accepts("tcp", port, address));
    }

    // The networks of a source list: null for any; names become their hosts' addresses; nested networks collapse into the wider one.
    private static List<IPNetwork>? Sources(IReadOnlyList<string> sources, string path, Func<string, IReadOnlyList<(string Host, string Address)>?> resolve, ICollection<VariableProblem> problems, string groups)
    {
        if (sources.Contains("any", StringComparer.Ordinal))
        {
            return null;
        }

        var networks = new List<IPNetwork>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (IPNetwork.TryParse(source, out var network))
            {
                networks.Add(network);
                continue;
            }

            var hosts = resolve(source);
            if (hosts is null)
            {
                problems.Add(new VariableProblem($"{path}[{i}]", $"names {VariableText.Show(source)}, which is no group or host of the inventory{(groups.Length == 0 ? "" : $" (its groups: {groups})")}", FirewallSourceRule.Instance.Expected, FirewallSourceRule.Instance.Example));
                continue;
            }

            foreach (var (host, address) in hosts)
            {
                if (IPAddress.TryParse(address, out var ip) && (ip.AddressFamily == AddressFamily.InterNetwork || (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId == 0)))
                {
                    networks.Add(new IPNetwork(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
                }
                else
                {
                    problems.Add(new VariableProblem($"{path}[{i}]", $"names '{source}', whose host {host} has the address '{address}', which is not an IP address (the firewall matches addresses, not names)", "give the host an IP address in the inventory, or list its network instead of the name", "[10.0.0.0/24]"));
                }
            }
        }

        // Networks are nested or disjoint: keep those that no other (wider, or an earlier equal one) contains, so nft's interval set has no overlap.
        return networks.Where((n, i) => !networks.Where((o, j) => j != i && (o.PrefixLength < n.PrefixLength || (o.PrefixLength == n.PrefixLength && j < i))).Any(o => o.Contains(n.BaseAddress))).ToList();
    }
}
