using System.Globalization;

namespace FooBar.Provision.Inventory;

/// <summary>Reads the hops of <c>jump:</c> and of ProxyJump: <c>[user@]host[:port]</c> or <c>ssh://[user@]host[:port]</c>, several separated by commas.</summary>
internal static class JumpSpec
{
    /// <summary>The most hops a host may go through (OpenSSH's own limit on nested ProxyJump is far larger; a real chain has one or two).</summary>
    public const int MaxHops = 8;

    /// <summary>Reads one hop; returns the problem (what is wrong, in words) instead when it is not one.</summary>
    public static (JumpHost? Hop, string? Problem) ParseHop(string text)
    {
        var rest = text.Trim();
        if (rest.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["ssh://".Length..].TrimEnd('/');
        }

        if (rest.Length == 0)
        {
            return (null, "is empty");
        }

        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (InventoryNames.UserProblem(user) is { } userProblem)
            {
                return (null, $"has a user that {userProblem}");
            }
        }

        string host;
        string? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return (null, "has a '[' without its ']'");
            }

            host = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return (null, "has text after ']' that is not ':port'");
                }

                port = after[1..];
            }
        }
        else if (rest.Count(c => c == ':') == 1)
        {
            host = rest[..rest.IndexOf(':', StringComparison.Ordinal)];
            port = rest[(rest.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            host = rest;
        }

        if (InventoryNames.AddressProblem(host) is { } hostProblem)
        {
            return (null, $"has a host that {hostProblem}");
        }

        var number = 22;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return (null, "has a port that is not a number from 1 to 65535");
        }

        return (new JumpHost(host, number, user), null);
    }

    /// <summary>Splits a comma-separated list of hops (ProxyJump's form) into its items.</summary>
    public static IEnumerable<string> Split(string text) => text.Split(',', StringSplitOptions.TrimEntries);
}
