using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

/// <summary>Inventories for the CLI tests. Every address is a documentation address (192.0.2.0/24): only the mock transport ever "reaches" them.</summary>
internal static class CliInventories
{
    /// <summary>Two hosts with the base role (no packages, no service: a file and a directory each).</summary>
    public const string TwoWebHosts = """
        vars:
          base_packages: []
          base_service: ""
        groups:
          web:
            hosts: [www, www2]
            roles: [base]
        hosts:
          www:
            address: 192.0.2.20
            user: deploy
          www2:
            address: 192.0.2.10
        """;

    /// <summary>One host whose motd template prints a secret from the environment variable MOTD_SECRET.</summary>
    public const string SecretMotd = """
        hosts:
          www:
            address: 192.0.2.20
            roles: [base]
            vars:
              base_packages: []
              base_service: ""
              motd_message: { env: MOTD_SECRET }
        """;

    public static string Write(TempDirectory directory, string yaml) => directory.Write("inventory.yaml", yaml);
}
