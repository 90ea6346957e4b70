using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.Inventory;

/// <summary>
/// The rules for the inventory's own words that reach a command line or a terminal: host and group names, host
/// addresses, user names and paths. Each check returns null when the text is fine, else why it is not.
/// </summary>
internal static class InventoryNames
{
    /// <summary>A host or group name: printable, no white space, no comma (--limit splits at commas), not starting with '-'.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length > InventoryLimits.MaxNameLength)
        {
            return $"is {name.Length} characters long (at most {InventoryLimits.MaxNameLength})";
        }

        if (!Printable.IsPrintable(name))
        {
            return "contains a control or invisible character";
        }

        if (name.Any(char.IsWhiteSpace))
        {
            return "contains white space";
        }

        if (name.Contains(','))
        {
            return "contains a comma (--limit separates names with commas)";
        }

        return name.StartsWith('-') ? "starts with '-' (it would read as an option)" : null;
    }

    /// <summary>A variable name: printable, without white space, of a sane length.</summary>
    public static string? VariableNameProblem(string name)
    {
        if (name.Length > InventoryLimits.MaxNameLength)
        {
            return $"is {name.Length} characters long (at most {InventoryLimits.MaxNameLength})";
        }

        if (!Printable.IsPrintable(name))
        {
            return "contains a control or invisible character";
        }

        return name.Any(char.IsWhiteSpace) ? "contains white space" : null;
    }

    /// <summary>A host address: an IPv4 address in dotted decimal, an IPv6 address, or a host name as RFC 1123 defines it.</summary>
    public static string? AddressProblem(string address)
    {
        if (address.Contains(':'))
        {
            var bare = address.Split('%')[0];
            return IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && bare.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
                && (address.Length == bare.Length || address[(bare.Length + 1)..].All(char.IsAsciiLetterOrDigit))
                ? null
                : "is not a valid IPv6 address (write it without brackets, such as 2001:db8::10)";
        }

        if (address.Length > 253)
        {
            return "is longer than a host name may be (253 characters)";
        }

        var labels = (address.EndsWith('.') ? address[..^1] : address).Split('.');
        if (labels.All(label => label.Length > 0 && label.All(char.IsAsciiDigit)))
        {
            return labels.Length == 4 && labels.All(label => label.Length <= 3 && int.Parse(label, System.Globalization.CultureInfo.InvariantCulture) <= 255)
                && !address.EndsWith('.')
                ? null
                : "is neither an IPv4 address (four numbers 0-255, such as 192.0.2.10) nor a host name";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || label.StartsWith('-') || label.EndsWith('-'))
            {
                return "is neither an IP address nor a host name (a host name is labels of letters, digits and '-' separated by dots, " +
                    "each 1-63 characters, not starting or ending with '-')";
            }
        }

        return null;
    }

    /// <summary>A remote user name: letters, digits, '_', '.', '-', '@' and '\' (domain users), optionally ending in '$'; not starting with '-'.</summary>
    public static string? UserProblem(string user)
    {
        if (user.Length > InventoryLimits.MaxNameLength)
        {
            return $"is {user.Length} characters long (at most {InventoryLimits.MaxNameLength})";
        }

        var body = user.EndsWith('$') ? user[..^1] : user;
        if (body.Length == 0 || !body.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '@' or '\\'))
        {
            return "may hold only letters, digits, '_', '.', '-', '@' and '\\' (and a final '$')";
        }

        return user.StartsWith('-') ? "starts with '-' (ssh would read it as an option)" : null;
    }

    /// <summary>A local path (identity_file, known_hosts, a secret file): printable, of a sane length.</summary>
    public static string? PathProblem(string path)
    {
        if (path.Length > InventoryLimits.MaxPathLength)
        {
            return $"is {path.Length} characters long (at most {InventoryLimits.MaxPathLength})";
        }

        return Printable.IsPrintable(path) ? null : "contains a control or invisible character";
    }
}
