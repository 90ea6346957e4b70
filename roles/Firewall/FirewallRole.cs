using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Inventory;
using FooBar.Provision.Planning;
using FooBar.Provision.Resources;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>
/// An nftables firewall for the host's input: one table of its own (<c>inet foobar</c>) whose input chain drops what no
/// rule accepts; SSH open to <c>firewall_ssh_from</c>, and each <c>firewall_allow</c> entry's ports to its sources
/// (addresses, networks, or inventory groups and hosts, by their addresses).
/// </summary>
/// <remarks>
/// Safe by construction: a ruleset that would not accept a new SSH connection from the controller's address (as the
/// host sees it) is refused before anything of the host is changed; a new ruleset is checked with <c>nft -c</c> before
/// it is loaded, and loaded in one transaction that replaces only this table. Persisted by a systemd unit of its own
/// (<c>foobar-firewall.service</c>). Idempotent: a second apply changes nothing. See <c>roles/Firewall/README.md</c>.
/// </remarks>
public sealed class FirewallRole : RoleBase
{
    /// <summary>The ruleset file on the host.</summary>
    public const string RulesetPath = "/etc/foobar/firewall.nft";

    /// <summary>The systemd unit that loads the ruleset at boot.</summary>
    public const string Unit = "foobar-firewall";

    /// <summary>The handler that makes systemd read the role's unit and drop-in again.</summary>
    public const string ReloadUnits = "reload systemd units";

    private const string DropInDirectory = "/etc/systemd/system/nftables.service.d";

    private const int MinimumConfirmSeconds = 15;

    private const string DigestPlaceholder = "foobar:0000000000000000";

    /// <inheritdoc />
    public override string Name => "firewall";

    /// <inheritdoc />
    public override string Folder => "Firewall";

    /// <inheritdoc />
    public override IReadOnlyList<VariableDeclaration> VariableDeclarations => FirewallVariables.All;

    /// <inheritdoc />
    /// <remarks>A guard shorter than a new connection may take to fail would put the previous ruleset back under a confirmation still on its way.</remarks>
    public override IEnumerable<VariableProblem> CheckVariables(VariableSet variables, string? inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var confirm = variables.GetInt(FirewallVariables.ConfirmSeconds.Name);
        if (confirm is > 0 and < MinimumConfirmSeconds)
        {
            yield return new VariableProblem(FirewallVariables.ConfirmSeconds.Name, $"is {confirm}: the new connection may take the host's connect_timeout (10 s by default) to fail, so the guard could undo a good ruleset", $"0 (no guard), or {MinimumConfirmSeconds} to 3600", "30");
        }
    }

    /// <inheritdoc />
    /// <remarks>Every group or host named in a source list exists and its hosts have IP addresses.</remarks>
    public override IEnumerable<VariableProblem> CheckInventory(HostEntry host, VariableSet variables, InventoryView inventory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inventory);
        var problems = new List<VariableProblem>();
        FirewallPolicy.From(variables, name => Resolve(inventory, name), problems, inventory.Groups.Keys);
        return problems;
    }

    /// <inheritdoc />
    public override void Build(RoleContext context, RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        if (!context.Facts.HasSystemd)
        {
            throw new ProvisionException($"the firewall role needs systemd on {context.Host.Name} (init system: {context.Facts.InitSystem}): it loads its ruleset at boot with a unit of its own", "leave the firewall role out for this host, or run it on a host with systemd");
        }

        var problems = new List<VariableProblem>();
        var policy = FirewallPolicy.From(context.Variables, name => Resolve(context.Inventory, name), problems, context.Inventory.Groups.Keys);
        if (problems.Count > 0)
        {
            var p = problems[0];
            throw new VariableException($"{p.Path} {p.Problem}", $"expected {p.Expected}, e.g. {p.Example}");
        }

        var paths = new Dictionary<string, object?> { ["firewall_path"] = RulesetPath };
        var content = Render(context, policy, DigestPlaceholder);
        var digest = "foobar:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16].ToLowerInvariant();
        content = Render(context, policy, digest);
        builder
            .Add(new AptPackages(["nftables"]))
            .Add(new DirectoryResource("/etc/foobar", "0755"))
            .Add(new NftRulesetResource(RulesetPath, content, content.Contains(digest, StringComparison.Ordinal) ? digest : null, policy, context.Variables.GetInt(FirewallVariables.ConfirmSeconds.Name)))
            .Add(new FileResource($"/etc/systemd/system/{Unit}.service", context.Render(this, "foobar-firewall.service.scriban", paths)) { Notify = [ReloadUnits] })
            .Add(new DirectoryResource(DropInDirectory, "0755"))
            .Add(new FileResource($"{DropInDirectory}/{Unit}.conf", context.Render(this, "nftables-dropin.conf.scriban", paths)) { Notify = [ReloadUnits] })
            .Add(new ServiceResource(Unit) { StartSatisfies = [ReloadUnits] })
            .Handler(new Handler(ReloadUnits, $"systemctl daemon-reload"));
    }

    private string Render(RoleContext context, FirewallPolicy policy, string digest)
    {
        var rules = policy.Rules.SelectMany(r => r.Matches().Select(m => (object?)new Dictionary<string, object?> { ["match"] = m, ["origin"] = r.Origin })).ToList();
        var unmatched = policy.Rules.Where(r => !r.Matches().Any()).Select(r => (object?)r.Origin).ToList();
        return context.Render(this, "firewall.nft.scriban", new Dictionary<string, object?>
        {
            ["firewall_rules"] = rules,
            ["firewall_unmatched"] = unmatched,
            ["firewall_digest"] = digest,
        });
    }

    // A group's hosts, else the host of that name, else null; each with the address peers reach it at.
    private static IReadOnlyList<(string Host, string Address)>? Resolve(InventoryView inventory, string name) =>
        inventory.Groups.ContainsKey(name) || name == "all" ? inventory.HostsOf(name).Select(h => (h.Name, h.Address)).ToArray()
        : inventory.Find(name) is { } host ? [(host.Name, host.Address)]
        : null;
}
