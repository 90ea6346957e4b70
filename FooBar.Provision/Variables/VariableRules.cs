using System.Text.RegularExpressions;
using FooBar.Provision.Variables.Rules;

namespace FooBar.Provision.Variables;

/// <summary>The built-in rules for role variables (<c>using static FooBar.Provision.Variables.VariableRules;</c>).</summary>
/// <remarks>
/// Every rule whose value lands in a one-line directive refuses line breaks and control characters; every rule whose
/// value is a word a command could read as an option refuses a leading <c>-</c>. Only <see cref="Text"/> spans lines.
/// </remarks>
public static partial class VariableRules
{
    /// <summary>A system name (user, group, service, site file): a lowercase letter or <c>_</c>, then letters, digits, <c>_</c> or <c>-</c>; at most 32.</summary>
    public static VariableRule Name { get; } = new TextRule("a lowercase name: a letter or _, then lowercase letters, digits, _ or -, at most 32 characters", "foobar")
    {
        Pattern = NamePattern(),
    };

    /// <summary>A path on the control machine (relative to the inventory's directory, or absolute, or from <c>~</c>): one line.</summary>
    public static VariableRule Path { get; } = new TextRule("a path on this machine (one line; relative paths start at the inventory's directory)", "files/site.crt")
    {
        MaxLength = 4096,
    };

    /// <summary>An absolute path on the host: <c>/</c>, then names of letters, digits and <c>. _ - + @ , = ~</c>; no <c>..</c>.</summary>
    public static VariableRule AbsolutePath { get; } = new TextRule("an absolute path on the host: /, then names of letters, digits and . _ - + @ , = ~ (no spaces, no '..')", "/srv")
    {
        MaxLength = 4096,
        Pattern = AbsolutePathPattern(),
        Extra = text => text.Split('/').Any(s => s is "." or "..") ? "has a '.' or '..' segment" : null,
    };

    /// <summary>A TCP port, 1 to 65535.</summary>
    public static VariableRule Port { get; } = new IntegerRule(1, 65535, "a TCP port, 1 to 65535", "8080");

    /// <summary>A size as nginx and MariaDB write it: digits and an optional unit <c>k</c>, <c>m</c> or <c>g</c> (<c>10m</c>, <c>128M</c>).</summary>
    public static VariableRule Size { get; } = new TextRule("a size: digits with an optional unit k, m or g (10m, 128M)", "128M")
    {
        Pattern = SizePattern(),
        Convert = text => text,
    };

    /// <summary>A file mode in octal (<c>0755</c>, <c>750</c>); a three-digit mode gets its leading 0.</summary>
    public static VariableRule FileMode { get; } = new TextRule("a file mode in octal, 3 or 4 digits 0-7 (0755)", "\"0755\"")
    {
        Pattern = FileModePattern(),
        Convert = text => text.Length == 3 ? "0" + text : text,
    };

    /// <summary>An IP address (v4 or v6) or a host name.</summary>
    public static VariableRule HostOrAddress { get; } = new TextRule("an IP address or a host name (letters, digits, '-' and dots)", "127.0.0.1")
    {
        Extra = text => HostNames.IsIpAddress(text) || HostNames.IsHostName(text, wildcard: false) ? null : $"is {VariableText.Show(text)}",
    };

    /// <summary>Where a server listens: <c>host:port</c>, <c>[v6]:port</c> or <c>unix:/absolute/path.sock</c>.</summary>
    public static VariableRule BindAddress { get; } = new TextRule("host:port (127.0.0.1:8000, [::1]:8000) or unix:/absolute/path.sock", "127.0.0.1:8000")
    {
        Extra = text => HostNames.IsBind(text) ? null : $"is {VariableText.Show(text)}",
    };

    /// <summary>A DNS domain name (<c>www.foobar.com</c>).</summary>
    public static VariableRule DomainName { get; } = new TextRule("a domain name: labels of letters, digits and '-' separated by dots", "www.foobar.com")
    {
        Extra = text => HostNames.IsHostName(text, wildcard: false) ? null : $"is {VariableText.Show(text)}",
    };

    /// <summary>A server name: a domain name, optionally starting with <c>*.</c>.</summary>
    public static VariableRule ServerName { get; } = new TextRule("a domain name (labels of letters, digits and '-' separated by dots), optionally starting with *.", "foobar.com")
    {
        Extra = text => HostNames.IsHostName(text, wildcard: true) ? null : $"is {VariableText.Show(text)}",
    };

    /// <summary>A Debian package name (lowercase letters, digits, <c>+ - .</c>, at least 2, starting with a letter or digit), not ending in <c>-</c> or <c>+</c>.</summary>
    /// <remarks>apt-get reads a trailing <c>-</c> as "remove" and <c>+</c> as "install": <c>cron-</c> would remove cron.</remarks>
    public static VariableRule DebianPackage { get; } = new TextRule("a Debian package name: lowercase letters, digits, + - and ., at least 2 characters, starting with a letter or digit, not ending in - or +", "curl")
    {
        MaxLength = 128,
        Pattern = DebianPackagePattern(),
        Extra = text => text.EndsWith('-') ? "ends with '-', which apt-get reads as 'remove this package'"
            : text.EndsWith('+') ? "ends with '+', which apt-get reads as an action, not a name" : null,
    };

    /// <summary>A MariaDB database name: letters, digits, <c>_ $ -</c>, at most 64, not starting with <c>-</c>.</summary>
    public static VariableRule SqlIdentifier { get; } = new TextRule("a database name: letters, digits, _ $ and -, at most 64 characters", "foobar")
    {
        MaxLength = 64,
        Pattern = SqlIdentifierPattern(),
    };

    /// <summary>A MariaDB user name: letters, digits, <c>_ . -</c>, at most 80, starting with a letter, digit or <c>_</c>.</summary>
    public static VariableRule SqlUser { get; } = new TextRule("a database user name: letters, digits, _ . and -, at most 80 characters", "reader")
    {
        MaxLength = 80,
        Pattern = SqlUserPattern(),
    };

    /// <summary>A MariaDB account host: a name, an address or a pattern with <c>%</c> (<c>10.0.0.%</c>).</summary>
    public static VariableRule SqlHost { get; } = new TextRule("an account host: a host name, an IP address or a pattern with % (letters, digits, . : _ - %)", "localhost")
    {
        Pattern = SqlHostPattern(),
    };

    /// <summary>A MariaDB character set or collation name: letters, digits and <c>_</c>.</summary>
    public static VariableRule SqlWord { get; } = new TextRule("letters, digits and _, at most 64 characters (utf8mb4, utf8mb4_unicode_ci)", "utf8mb4")
    {
        MaxLength = 64,
        Pattern = SqlWordPattern(),
    };

    /// <summary>A MariaDB privilege list: <c>ALL</c> or privileges separated by commas (<c>SELECT, INSERT</c>).</summary>
    public static VariableRule SqlPrivileges { get; } = new TextRule("ALL, or privileges separated by commas (SELECT, INSERT, UPDATE, DELETE)", "\"SELECT, INSERT\"")
    {
        Pattern = SqlPrivilegesPattern(),
    };

    /// <summary>A value of a MariaDB option file: one word of letters, digits and <c>_ . , : / @ % + = * -</c>.</summary>
    /// <remarks>No spaces, quotes, <c>#</c>, <c>;</c> or backslashes: the option file reads those as comments, quoting or escapes.</remarks>
    public static VariableRule MariaDbOptionValue { get; } = new TextRule("a MariaDB option value: one word of letters, digits and _ . , : / @ % + = * - (no spaces, quotes, # ; or \\)", "utf8mb4")
    {
        Pattern = OptionValuePattern(),
    };

    /// <summary>true or false (also yes/no, on/off).</summary>
    public static VariableRule Bool { get; } = new BoolRule();

    /// <summary>One line of free text (any printable characters, no line break or control character).</summary>
    public static VariableRule Line { get; } = Lines(1000, multiLine: false);

    /// <summary>Free text that may span lines (no control characters other than line breaks and tabs), at most 64 KiB.</summary>
    public static VariableRule Text { get; } = Lines(65_536, multiLine: true);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static VariableRule WholeNumber(long min, long max) =>
        new IntegerRule(min, max, $"a whole number from {min} to {max}", Math.Clamp(10, min, max).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A duration: digits and one of <paramref name="units"/> (<c>60s</c>); digits alone when <paramref name="units"/> allows "".</summary>
    public static VariableRule Duration(params string[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var suffixes = string.Join('|', units.Where(u => u.Length > 0).Select(Regex.Escape));
        var bare = units.Contains("");
        var pattern = new Regex($"^[0-9]{{1,9}}({suffixes}){(bare ? "?" : "")}$", RegexOptions.CultureInvariant);
        var shown = string.Join(", ", units.Where(u => u.Length > 0));
        return new TextRule($"a duration: digits{(bare ? " and an optional unit" : " and a unit")} ({shown})", "60" + units.First(u => u.Length > 0)) { Pattern = pattern };
    }

    /// <summary>One of <paramref name="values"/>, exactly.</summary>
    public static VariableRule Enum(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Length == 0 ? throw new ArgumentException("an enum needs at least one value", nameof(values)) : new EnumRule(values);
    }

    /// <summary>A list whose items follow <paramref name="item"/> (at most <paramref name="maxItems"/>); on the command line, items separated by commas.</summary>
    public static VariableRule ListOf(VariableRule item, int maxItems = 1000)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ListRule(item, maxItems);
    }

    /// <summary>A mapping with the keys <paramref name="fields"/> declare (required keys, defaults, rules, secrets).</summary>
    public static VariableRule Record(params VariableDeclaration[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new RecordRule(fields);
    }

    /// <summary>A value that follows <paramref name="first"/> or else <paramref name="second"/>.</summary>
    public static VariableRule Either(VariableRule first, VariableRule second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new EitherRule(first, second);
    }

    /// <summary>One-line text matching <paramref name="pattern"/> (no line break, control character or leading <c>-</c>).</summary>
    public static VariableRule Matching(Regex pattern, string expected, string example, int maxLength = 255)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new TextRule(expected, example) { Pattern = pattern, MaxLength = maxLength };
    }

    /// <summary>PEM text (several lines starting with <c>-----BEGIN</c>) or the path of a PEM file on the control machine.</summary>
    public static VariableRule PemOrPath { get; } = new TextRule("PEM text (-----BEGIN ...) or the path of a PEM file on this machine", "tls/www.foobar.com.crt")
    {
        MultiLine = true,
        MaxLength = 1_000_000,
        NoLeadingDash = false,
        Extra = text => text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal) ? null
            : text.IndexOfAny(['\n', '\r']) >= 0 ? "holds a line break but is not PEM text (-----BEGIN ...)"
            : text.StartsWith('-') ? "starts with '-' but is not PEM text (-----BEGIN ...)" : null,
    };

    private static TextRule Lines(int maxLength, bool multiLine) =>
        new(multiLine ? $"text (may span lines; no control characters), at most {maxLength} characters" : $"one line of text (no line break or control character), at most {maxLength} characters", multiLine ? "\"first line\\nsecond line\"" : "\"Hello\"")
        {
            MultiLine = multiLine,
            MaxLength = maxLength,
            NoLeadingDash = false,
        };

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^/([A-Za-z0-9._+@,=~-]+(/[A-Za-z0-9._+@,=~-]+)*/?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePathPattern();

    [GeneratedRegex("^[0-9]{1,15}[kKmMgG]?$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[0-7]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileModePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DebianPackagePattern();

    [GeneratedRegex("^[A-Za-z0-9_$][A-Za-z0-9_$-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SqlIdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SqlUserPattern();

    [GeneratedRegex("^[A-Za-z0-9_.:%][A-Za-z0-9_.:%-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SqlHostPattern();

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SqlWordPattern();

    [GeneratedRegex("^[A-Za-z]+( [A-Za-z]+)*( *, *[A-Za-z]+( [A-Za-z]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SqlPrivilegesPattern();

    [GeneratedRegex("^[A-Za-z0-9_.,:/@%+=*-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionValuePattern();
}
