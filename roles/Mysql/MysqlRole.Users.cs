using FooBar.Provision.Resources;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Mysql;

public sealed partial class MysqlRole
{
    /// <inheritdoc />
    /// <remarks>mysql_schema_file must exist on this machine; root is the role's own (unix socket only); each user@host is declared once (db_user's two come from db_user).</remarks>
    public override IEnumerable<VariableProblem> CheckVariables(VariableSet variables, string? inventoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (MissingLocalPath(variables, MysqlVariables.SchemaFile, inventoryDirectory, folder: false) is { } missing)
        {
            yield return missing;
        }

        if (!string.IsNullOrEmpty(variables.GetStringOrNull(MysqlVariables.Primary.Name)) && variables.GetStringOrNull(MysqlVariables.ReplicationPassword.Name) is null)
        {
            yield return new VariableProblem(MysqlVariables.ReplicationPassword.Name, "is not set (mysql_primary turns replication on, and the replicas connect with it)", "a secret: { env: NAME } or { file: PATH }", MysqlVariables.ReplicationPassword.Example);
        }

        var dbUser = variables.GetString(SharedVariables.DbUser.Name);
        var seen = new HashSet<string>(StringComparer.Ordinal) { $"{dbUser}@localhost", $"{dbUser}@127.0.0.1" };
        var list = variables.GetMapList(MysqlVariables.Users.Name);
        for (var i = 0; i < list.Count; i++)
        {
            var name = (string)list[i][MysqlVariables.UserName.Name]!;
            var present = (string?)list[i].GetValueOrDefault(MysqlVariables.UserState.Name) != "absent";
            if (present && list[i].GetValueOrDefault(MysqlVariables.UserPassword.Name) is null)
            {
                yield return new VariableProblem($"mysql_users[{i}].password", "is not set (an account that is present needs one)", "a secret: { env: NAME } or { file: PATH }", MysqlVariables.UserPassword.Example);
            }

            var account = $"{name}@{list[i].GetValueOrDefault(MysqlVariables.UserHost.Name) ?? "localhost"}";
            if (name == "root")
            {
                yield return new VariableProblem($"mysql_users[{i}].name", "is root, which the role manages itself (unix socket only)", "a user name other than root", "report");
            }
            else if (!seen.Add(account))
            {
                yield return new VariableProblem($"mysql_users[{i}]", $"declares the account {account} a second time (db_user@localhost and db_user@127.0.0.1 come from db_user)", "each user@host once", "{ name: report, host: 10.0.0.% }");
            }
        }
    }

    // db_user@localhost and db_user@127.0.0.1 with ALL on db_name.*, then each entry of mysql_users.
    private static List<Resource> Users(VariableSet variables)
    {
        var appUser = variables.GetString(SharedVariables.DbUser.Name);
        var database = variables.GetString(SharedVariables.DbName.Name);
        var password = Secret(variables.TryGetValue("db_password", out var value) ? value : null, "db_password");
        var users = new List<Resource>
        {
            new MysqlUserResource(appUser, "localhost", password, database),
            new MysqlUserResource(appUser, "127.0.0.1", password, database),
        };

        var list = variables.GetMapList(MysqlVariables.Users.Name);
        for (var i = 0; i < list.Count; i++)
        {
            users.Add(User(list[i], $"mysql_users[{i}]"));
        }

        return users;
    }

    // The entry was checked against MysqlVariables.Users (keys, names, hosts, privileges, state) before the role is built.
    private static Resource User(IReadOnlyDictionary<string, object?> entry, string where)
    {
        var name = (string)entry[MysqlVariables.UserName.Name]!;
        var host = (string?)entry.GetValueOrDefault(MysqlVariables.UserHost.Name) ?? "localhost";
        if ((string?)entry.GetValueOrDefault(MysqlVariables.UserState.Name) == "absent")
        {
            // Only who: an account that goes needs no password, database or privileges.
            return new MysqlAbsentUserResource(name, host);
        }

        return new MysqlUserResource(
            name,
            host,
            Secret(entry.GetValueOrDefault(MysqlVariables.UserPassword.Name), $"{where}.password"),
            entry.GetValueOrDefault(MysqlVariables.UserDatabase.Name) as string,
            (string?)entry.GetValueOrDefault(MysqlVariables.UserPrivileges.Name) ?? "ALL");
    }

    private static SecretValue Secret(object? value, string where) => value switch
    {
        SecretValue secret => secret,
        string text when text.Length > 0 => new SecretValue($"var:{where}", text),
        _ => throw new ProvisionException($"{where} is not set", $"set {where} to a secret such as {{ file: secrets/db_password }}"),
    };
}
