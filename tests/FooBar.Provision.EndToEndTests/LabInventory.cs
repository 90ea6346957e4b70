using System.Globalization;

namespace FooBar.Provision.EndToEndTests;

/// <summary>Writes an inventory for one lab host into a temporary directory.</summary>
internal static class LabInventory
{
    /// <summary>The inventory; <paramref name="transport"/> (<c>sshnet</c> or <c>openssh</c>) is the host's <c>transport:</c>, the default (SSH.NET) when null;
    /// <paramref name="passwordFile"/> holds <c>db_password</c> (the lab's own secret when null).</summary>
    public static string Write(int host, string roles, string vars, string? transport = null, string? passwordFile = null)
    {
        var directory = Directory.CreateTempSubdirectory("fbp-e2e-").FullName;
        var path = Path.Combine(directory, "inventory.yaml");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            vars:
              db_password: {"{"} file: {passwordFile ?? Lab.DbPasswordFile} {"}"}
              mysql_schema_file: {Path.Combine(Lab.RepositoryRoot, "app", "schema.sql")}
            {vars}
            hosts:
              lab{host}:
                address: {Lab.Address(host)}
                user: root
                identity_file: {Lab.ClientKey}
                known_hosts: {Lab.KnownHosts}
                roles: [{roles}]{(transport is null ? "" : $"\n    transport: {transport}")}
            """));
        return path;
    }
}
