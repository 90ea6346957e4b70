namespace FooBar.Provision.IntegrationTests;

/// <summary>An inventory for the loopback sshd whose base role stays harmless: its files go to a temporary directory.</summary>
internal static class LoopbackInventory
{
    /// <summary>Writes <c>inventory.yaml</c> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(LoopbackSshd sshd, string directory, string extraVars = "")
    {
        var path = Path.Combine(directory, "inventory.yaml");
        File.WriteAllText(path, $"""
            hosts:
              loopback:
                address: 127.0.0.1
                port: {sshd.Port}
                user: root
                identity_file: {sshd.ClientKeyFile}
                known_hosts: {sshd.KnownHostsFile}
                roles: [base]
                vars:
                  base_packages: [openssh-client]
                  base_service: ""
                  motd_path: {directory}/motd
                  base_directory: {directory}/srv
            {extraVars}
            """);
        return path;
    }
}
