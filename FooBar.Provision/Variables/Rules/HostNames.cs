using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Variables.Rules;

/// <summary>Host names, IP literals and bind addresses, strictly (no forms that only some parsers accept).</summary>
internal static partial class HostNames
{
    /// <summary>A dotted-quad IPv4 address or an IPv6 address (no zone, no brackets).</summary>
    public static bool IsIpAddress(string text) =>
        (Ipv4Pattern().IsMatch(text) && text.Split('.').All(p => int.Parse(p, CultureInfo.InvariantCulture) <= 255 && (p.Length == 1 || p[0] != '0')))
        || (text.Contains(':', StringComparison.Ordinal) && Ipv6Characters().IsMatch(text) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6);

    /// <summary>Labels of letters, digits and inner <c>-</c> (and <c>_</c>), 1 to 63 each, 253 in all; <c>*.</c> first when <paramref name="wildcard"/>.</summary>
    public static bool IsHostName(string text, bool wildcard)
    {
        if (wildcard && text.StartsWith("*.", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length is > 0 and <= 253 && !text.All(c => char.IsAsciiDigit(c) || c == '.') && text.Split('.').All(label => LabelPattern().IsMatch(label));
    }

    /// <summary><c>host:port</c>, <c>[v6]:port</c> or <c>unix:/absolute/path</c>.</summary>
    public static bool IsBind(string text)
    {
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text[5..];
            return UnixPathPattern().IsMatch(path) && !path.Split('/').Any(s => s is "." or "..");
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || text[(colon + 1)..].StartsWith('0'))
        {
            return false;
        }

        var host = text[..colon];
        return host.StartsWith('[') && host.EndsWith(']')
            ? IsIpAddress(host[1..^1]) && host.Contains(':', StringComparison.Ordinal)
            : IsIpAddress(host) && !host.Contains(':', StringComparison.Ordinal) || IsHostName(host, wildcard: false);
    }

    [GeneratedRegex(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex("^[0-9A-Fa-f:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex("^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixPathPattern();
}
