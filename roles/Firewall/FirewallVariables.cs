using FooBar.Provision.Variables;
using static FooBar.Provision.Variables.VariableRules;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>Every variable of the firewall role, in one place: rule, default, description (the README's table comes from here).</summary>
internal static class FirewallVariables
{
    private static readonly VariableRule Sources = ListOf(FirewallSourceRule.Instance, 200);

    public static VariableDeclaration AllowPort { get; } = new("port", ListOf(WholeNumber(1, 65535), 100), "the port, or a list of ports, to open")
    {
        Required = true,
        Example = "3306",
    };

    public static VariableDeclaration AllowProto { get; } = new("proto", VariableRules.Enum("tcp", "udp"), "the transport protocol") { Default = "tcp" };

    public static VariableDeclaration AllowFrom { get; } = new("from", Sources, "who may connect: any, addresses and networks, inventory groups and hosts (their addresses)")
    {
        Default = new[] { "any" },
        Example = "[web]",
    };

    public static VariableDeclaration Allow { get; } = new("firewall_allow", ListOf(Record(AllowPort, AllowProto, AllowFrom), 200), "what else may reach the host (SSH has its own variables): one entry per port or list of ports, and who may connect")
    {
        Default = Array.Empty<object?>(),
        Example = "[{ port: 3306, from: [web] }]",
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration SshPort { get; } = new("firewall_ssh_port", WholeNumber(1, 65535), "the port sshd listens on: always open to firewall_ssh_from")
    {
        Default = 22L,
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration SshFrom { get; } = new("firewall_ssh_from", Sources, "who may open SSH connections; must include the controller, or the plan refuses the ruleset")
    {
        Default = new[] { "any" },
        Example = "[10.0.0.0/8]",
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration VrrpFrom { get; } = new("firewall_vrrp_from", Sources, "who may send VRRP (IP protocol 112: keepalived peers, by the address of the interface they send it on); [] for none")
    {
        Default = Array.Empty<object?>(),
        Example = "[10.99.200.0/24]",
        Secret = SecretUse.Forbidden,
    };

    public static VariableDeclaration ConfirmSeconds { get; } = new("firewall_confirm_seconds", WholeNumber(0, 3600), "after a new ruleset is loaded, the controller opens a new SSH connection; unless it succeeds, the host puts the previous ruleset back, at the latest after this many seconds (0: no such guard)")
    {
        Default = 30L,
        Secret = SecretUse.Forbidden,
    };

    public static IReadOnlyList<VariableDeclaration> All { get; } = [Allow, SshPort, SshFrom, VrrpFrom, ConfirmSeconds];
}
