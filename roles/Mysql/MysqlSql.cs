using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>SQL text for MariaDB: literals, identifiers, accounts, name checks and password hashes.</summary>
internal static partial class MysqlSql
{
    /// <summary>A single-quoted string literal (backslash escapes on, MariaDB's default <c>sql_mode</c>).</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\x1a' => "\\Z",
                _ => c.ToString(),
            });
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>A back-quoted identifier (<c>`foobar`</c>).</summary>
    public static string Identifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>The database part of a GRANT, with the wildcards <c>_</c> and <c>%</c> escaped (as SHOW GRANTS prints it).</summary>
    public static string GrantDatabase(string name) =>
        Identifier(name.Replace("_", "\\_", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal));

    /// <summary>An account: <c>'user'@'host'</c>.</summary>
    public static string Account(string user, string host) => Literal(user) + "@" + Literal(host);

    /// <summary>The <c>mysql_native_password</c> hash MariaDB stores: <c>*</c> and the upper-case hex of SHA1(SHA1(password)).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "MariaDB's mysql_native_password format is defined with SHA1; the hash is only compared, never used for new security.")]
    public static string NativePasswordHash(string password)
    {
        var inner = SHA1.HashData(Encoding.UTF8.GetBytes(password));
        return "*" + Convert.ToHexString(SHA1.HashData(inner));
    }

    /// <summary>The lower-case hex SHA-256 of a stored hash, as the probe's <c>SHA2(Password, 256)</c> prints it.</summary>
    public static string Digest(string storedHash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(storedHash))).ToLowerInvariant();

    /// <summary>Checks a database name: letters, digits, <c>_</c>, <c>$</c>, <c>-</c>, at most 64 characters.</summary>
    public static string CheckDatabase(string name, string variable) =>
        DatabaseName().IsMatch(name) ? name : throw Invalid(variable, $"database name '{name}'", "letters, digits, _, $ and -, at most 64 characters");

    /// <summary>Checks a user name: letters, digits, <c>_</c>, <c>.</c>, <c>-</c>, at most 80 characters.</summary>
    public static string CheckUser(string name, string variable) =>
        UserName().IsMatch(name) ? name : throw Invalid(variable, $"user name '{name}'", "letters, digits, _, . and -, at most 80 characters, not empty");

    /// <summary>Checks an account host: a name, an address or a pattern with <c>%</c>.</summary>
    public static string CheckHost(string host, string variable) =>
        HostName().IsMatch(host) ? host : throw Invalid(variable, $"host '{host}'", "a host name, an IP address or a pattern such as 10.0.0.% (letters, digits, . : _ - %)");

    /// <summary>Checks a character set or collation name: letters, digits and <c>_</c>.</summary>
    public static string CheckWord(string value, string variable) =>
        Word().IsMatch(value) ? value : throw Invalid(variable, $"'{value}'", "letters, digits and _ (such as utf8mb4 or utf8mb4_unicode_ci)");

    /// <summary>Normalises a privilege list (<c>ALL</c> → <c>ALL PRIVILEGES</c>, upper case, sorted) for comparison.</summary>
    public static IReadOnlyList<string> Privileges(string list, string variable)
    {
        var privileges = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Select(p => p == "ALL" ? "ALL PRIVILEGES" : p)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (privileges.Length == 0 || privileges.Any(p => !PrivilegeName().IsMatch(p)))
        {
            throw Invalid(variable, $"privileges '{list}'", "a comma-separated list such as ALL or SELECT, INSERT, UPDATE, DELETE");
        }

        return privileges.Contains("ALL PRIVILEGES") ? ["ALL PRIVILEGES"] : privileges;
    }

    /// <summary>The privileges of a SHOW GRANTS line's list, normalised like <see cref="Privileges"/> (never throws).</summary>
    public static IReadOnlyList<string> ShownPrivileges(IEnumerable<string> lists) =>
        lists.SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static ProvisionException Invalid(string variable, string what, string allowed) =>
        new($"{variable}: {what} is not allowed", $"use {allowed}");

    [GeneratedRegex("^[A-Za-z0-9_$-]{1,64}$")]
    private static partial Regex DatabaseName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")]
    private static partial Regex UserName();

    [GeneratedRegex("^[A-Za-z0-9_.:%-]{1,255}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex Word();

    [GeneratedRegex("^[A-Z]+( [A-Z]+)*$")]
    private static partial Regex PrivilegeName();
}
