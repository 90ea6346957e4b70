using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Where ssh's configuration sends <paramref name="Host"/>, as <c>ssh -G</c> printed it.</summary>
/// <param name="Host">The inventory host.</param>
/// <param name="HostName">ssh's <c>hostname</c>: the address it connects to (the inventory's address unless a <c>HostName</c> applies).</param>
/// <param name="JumpHosts">The address of each <c>proxyjump</c> hop, first hop first.</param>
internal sealed record OpenSshDestination(HostEntry Host, string HostName, IReadOnlyList<string> JumpHosts)
{
    /// <summary>The destination <paramref name="output"/> (<c>ssh -G</c>'s <c>keyword value</c> lines) gives <paramref name="host"/>.</summary>
    public static OpenSshDestination Parse(HostEntry host, string output)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(output);
        string? hostName = null;
        IReadOnlyList<string> hops = [];
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (keyword, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            if (keyword == "hostname")
            {
                hostName = value;
            }
            else if (keyword == "proxyjump" && value != "none")
            {
                hops = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HopAddress)];
            }
        }

        return new OpenSshDestination(host, hostName ?? host.Address, hops);
    }

    // ssh -G prints each hop as [user@]host[:port], an IPv6 or IP host in brackets: [user@][host]:port.
    private static string HopAddress(string hop)
    {
        var address = hop[(hop.LastIndexOf('@') + 1)..];
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? address[1..] : address[1..close];
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == address.LastIndexOf(':') ? address[..colon] : address;
    }
}
