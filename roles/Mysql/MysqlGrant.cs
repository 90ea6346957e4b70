using System.Text.RegularExpressions;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Roles.Mysql;

/// <summary>One grant line of <c>SHOW GRANTS</c>, as the user resource's probe reduces it: target, privileges, grant option.</summary>
/// <param name="Target">What it is on, as MariaDB prints it (<c>`foobar`.*</c>, <c>*.*</c>, <c>PROCEDURE `db`.`p`</c>).</param>
/// <param name="Privileges">The privilege list as printed (<c>SELECT, INSERT</c>).</param>
/// <param name="GrantOption">Whether it carries <c>WITH GRANT OPTION</c>.</param>
internal sealed partial record MysqlGrant(string Target, string Privileges, bool GrantOption)
{
    /// <summary>The <c>USAGE ON *.*</c> line every account has: no privilege at all.</summary>
    public bool IsUsageOnly => Target == "*.*" && Privileges.Trim() == "USAGE" && !GrantOption;

    /// <summary>Parses <c>grant TARGET\tPRIVILEGES\tg|-</c>.</summary>
    /// <exception cref="ResourceFailedException">The line is not in that shape, or its target is not one MariaDB prints.</exception>
    public static MysqlGrant Parse(string line)
    {
        var parts = line["grant ".Length..].Split('\t');
        if (parts.Length != 3 || !TargetPattern().IsMatch(parts[0]))
        {
            throw new ResourceFailedException($"cannot read the grant '{line}' of SHOW GRANTS", "revoke it by hand, then apply again");
        }

        return new MysqlGrant(parts[0], parts[1], parts[2] == "g");
    }

    /// <summary>The SQL that takes the grant away from <paramref name="account"/>.</summary>
    /// <remarks>
    /// MariaDB has no <c>REVOKE ALL PRIVILEGES, GRANT OPTION ON target</c> (that list is a syntax error with <c>ON</c>), so
    /// the grant option goes in a statement of its own, first: its privileges' row is still there then, whereas after the
    /// privileges went, a row that held nothing else is gone and the second <c>REVOKE</c> would fail. A grant of
    /// <c>USAGE</c> with the grant option is only the option.
    /// </remarks>
    public string RevokeSql(string account)
    {
        var privileges = Target == "*.*" || !Privileges.Contains('(', StringComparison.Ordinal) ? "ALL PRIVILEGES" : Privileges;
        var option = GrantOption ? $"REVOKE GRANT OPTION ON {Target} FROM {account};\n" : "";
        return GrantOption && Privileges.Trim() == "USAGE" ? option : option + $"REVOKE {privileges} ON {Target} FROM {account};\n";
    }

    // A target as MariaDB prints it: * or a back-quoted name (`` doubles a back quote), a dot, * or a name; routines
    // carry their kind first. Nothing else reaches the REVOKE statement.
    [GeneratedRegex("^((PROCEDURE|FUNCTION|PACKAGE|PACKAGE BODY) )?(\\*|`([^`]|``)+`)\\.(\\*|`([^`]|``)+`)$")]
    private static partial Regex TargetPattern();
}
