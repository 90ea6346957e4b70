using FooBar.Provision.Resources;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

public sealed partial class MysqlRole
{
    private static readonly string[] UserKeys = ["name", "password", "host", "database", "privileges", "state"];

    // db_user@localhost and db_user@127.0.0.1 with ALL on db_name.*, then each entry of mysql_users.
    private static List<Resource> Users(VariableSet variables)
    {
        var appUser = variables.GetString("db_user");
        var database = variables.GetString("db_name");
        var password = Secret(variables.TryGetValue("db_password", out var value) ? value : null, "db_password");
        var users = new List<Resource>
        {
            new MysqlUserResource(appUser, "localhost", password, database),
            new MysqlUserResource(appUser, "127.0.0.1", password, database),
        };

        var list = variables.GetMapList("mysql_users");
        for (var i = 0; i < list.Count; i++)
        {
            users.Add(User(list[i], $"mysql_users[{i}]"));
        }

        var duplicate = users.GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ProvisionException($"mysql_users: the account {duplicate.Key} is declared twice", "declare each user@host once (db_user@localhost and db_user@127.0.0.1 come from db_user)");
        }

        return users;
    }

    private static Resource User(IReadOnlyDictionary<string, object?> entry, string where)
    {
        var unknown = entry.Keys.FirstOrDefault(k => !UserKeys.Contains(k));
        if (unknown is not null)
        {
            throw new ProvisionException($"{where}: unknown key '{unknown}'", $"use {string.Join(", ", UserKeys)}");
        }

        var name = Text(entry, "name", where) ?? throw new ProvisionException($"{where}: 'name' is required", "give each entry of mysql_users a name");
        if (name == "root")
        {
            throw new ProvisionException($"{where}: root is managed by the role itself (unix socket only)", "use another user name");
        }

        var state = Text(entry, "state", where) ?? "present";
        if (state == "absent")
        {
            // Only who: an account that goes needs no password, database or privileges.
            return new MysqlAbsentUserResource(MysqlSql.CheckUser(name, $"{where}.name"), MysqlSql.CheckHost(Text(entry, "host", where) ?? "localhost", $"{where}.host"));
        }

        if (state != "present")
        {
            throw new ProvisionException($"{where}.state must be present or absent, not '{state}'", "leave state out (present), or set it to absent to drop the account");
        }

        var password = Secret(entry.GetValueOrDefault("password"), $"{where}.password");
        return new MysqlUserResource(
            MysqlSql.CheckUser(name, $"{where}.name"),
            MysqlSql.CheckHost(Text(entry, "host", where) ?? "localhost", $"{where}.host"),
            password,
            Text(entry, "database", where) is { } database ? MysqlSql.CheckDatabase(database, $"{where}.database") : null,
            Text(entry, "privileges", where) ?? "ALL");
    }

    private static string? Text(IReadOnlyDictionary<string, object?> entry, string key, string where) => entry.GetValueOrDefault(key) switch
    {
        null => null,
        string s when s.Length == 0 => null,
        string s => s,
        _ => throw new ProvisionException($"{where}.{key} must be text", $"write {key} as a plain value"),
    };

    private static SecretValue Secret(object? value, string where) => value switch
    {
        SecretValue secret => secret,
        string text when text.Length > 0 => new SecretValue($"var:{where}", text),
        _ => throw new ProvisionException($"{where} is not set", $"set {where} to a secret such as {{ file: secrets/db_password }}"),
    };
}
