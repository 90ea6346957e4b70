using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>Where traffic may come from: <c>any</c>, an IPv4 or IPv6 address or network (CIDR), or an inventory group or host name.</summary>
/// <remarks>
/// The typed value is <see cref="string"/>: <c>any</c>, a network in its canonical form (<c>10.0.0.0/8</c>,
/// <c>2001:db8::/32</c>; an address is a /32 or /128), or the name as written. A network with bits set after its
/// prefix (<c>10.0.0.1/8</c>) is refused, with the network it probably meant. Names are resolved against the inventory
/// when the role builds (and by <c>provision check</c>).
/// </remarks>
internal sealed partial class FirewallSourceRule : VariableRule
{
    /// <summary>The one rule instance.</summary>
    public static FirewallSourceRule Instance { get; } = new();

    /// <inheritdoc />
    public override string Expected => "any, an IP address or network (10.0.0.0/8, 2001:db8::/32), or the name of an inventory group or host";

    /// <inheritdoc />
    public override string Example => "web";

    /// <inheritdoc />
    public override object? Check(object value, string path, ICollection<VariableProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is SecretValue)
        {
            return Fail(path, "is a secret, but a firewall source shows in the ruleset and the plan", problems);
        }

        if (value is not (string or long or int))
        {
            return Fail(path, value is System.Collections.IEnumerable ? "is a list or a mapping" : "is not text", problems);
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (text.Length == 0)
        {
            return Fail(path, "is empty", problems);
        }

        if (text.Any(char.IsControl))
        {
            // Checked first: .NET's $ matches before a final line break, so "web\n" would pass the name pattern.
            return Fail(path, $"is {VariableText.Show(text)}, which holds a line break or a control character", problems);
        }

        if (text == "any")
        {
            return text;
        }

        if (text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || AddressLike().IsMatch(text))
        {
            var (network, problem) = Network(text);
            return problem is null ? network : Fail(path, problem, problems);
        }

        return NamePattern().IsMatch(text) ? text : Fail(path, $"is {VariableText.Show(text)}, which is neither an address nor a name", problems);
    }

    /// <summary>The canonical network of <paramref name="text"/> (an address or <c>address/prefix</c>), or why it is not one.</summary>
    internal static (string Network, string? Problem) Network(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal) || (address.AddressFamily == AddressFamily.InterNetwork && !Ipv4().IsMatch(addressText)))
        {
            return ("", $"is {VariableText.Show(text)}, which is not an IP address or network");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return ("", $"is {VariableText.Show(text)}: the prefix length must be 0 to {bits}");
        }

        var network = new IPNetwork(Masked(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            return ("", $"is {VariableText.Show(text)}, which has bits set after the /{prefix} prefix (did you mean {network}?)");
        }

        return (network.ToString(), null);
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)((0xFF << (8 - keep)) & 0xFF);
        }

        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^[0-9.]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressLike();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
