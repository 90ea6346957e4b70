using System.Globalization;

namespace FooBar.Provision.Verification;

/// <summary>Checks a DNS name before it is asked for (RFC 1035 §2.3.4 limits) and gives its ASCII form.</summary>
internal static class DnsName
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>The name without a trailing dot, international names as punycode.</summary>
    /// <exception cref="DnsException">An empty name, an empty or too long label, a too long name.</exception>
    public static string ToAscii(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
        {
            throw Invalid(name, "it is empty");
        }

        string ascii;
        try
        {
            ascii = trimmed.All(char.IsAscii) ? trimmed : new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException e)
        {
            throw Invalid(name, e.Message);
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                throw Invalid(name, label.Length == 0 ? "it has an empty label" : $"the label '{label}' is longer than {MaxLabelLength} characters");
            }
        }

        return ascii.Length > MaxNameLength ? throw Invalid(name, $"it is longer than {MaxNameLength} characters") : ascii;
    }

    private static DnsException Invalid(string name, string why) =>
        new(DnsFailure.InvalidName, $"'{name}' is not a valid DNS name: {why}", "use a host name such as www.foobar.com (no scheme, no path)");
}
