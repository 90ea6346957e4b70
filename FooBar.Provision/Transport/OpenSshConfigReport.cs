using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>What <c>ssh -G</c> said of the <c>transport: openssh</c> hosts: the configurations it refused, and where it would send each host it accepted.</summary>
/// <param name="Refusals">One problem per host whose configuration ssh refused (or one for a missing <c>ssh</c>).</param>
/// <param name="Destinations">For each host ssh accepted: the <c>hostname</c> and <c>proxyjump</c> hops it resolved.</param>
internal sealed record OpenSshConfigReport(IReadOnlyList<InventoryError> Refusals, IReadOnlyList<OpenSshDestination> Destinations)
{
    /// <summary>The hosts that ssh's configuration, not the inventory, aims at a public DNS resolver (a <c>HostName</c> or <c>ProxyJump</c> hop), one problem per such address.</summary>
    /// <param name="consequence">What happens, such as <c>'plan' refuses to connect to it</c>.</param>
    public IEnumerable<InventoryError> AimedAtResolvers(string consequence)
    {
        foreach (var (host, hostName, hops) in Destinations)
        {
            // An address the inventory wrote is reported as the inventory's own (PublicResolvers.Problems).
            foreach (var (what, address) in hops.Select(hop => ("ProxyJump hop", hop)).Prepend(("HostName", hostName)))
            {
                if (!string.Equals(address, host.Address, StringComparison.OrdinalIgnoreCase) && PublicResolvers.Owner(address) is { } owner)
                {
                    yield return new InventoryError(
                        host.Location ?? InventoryLoader.CommandLine,
                        Printable.Escape($"host '{host.Name}' (transport: openssh): ssh's configuration gives it the {what} {address}, which is a public DNS resolver ({owner}), not a server of yours; {consequence}"),
                        Printable.Escape($"change that {what} in the ssh configuration (`ssh -G {ShellQuote.Quote(host.Address)}` shows what ssh reads), or point the host at a server you own"));
                }
            }
        }
    }
}
