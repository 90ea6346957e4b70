using System.Text;

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

    /// <summary>A template override in <paramref name="directory"/> that makes the base role's motd <paramref name="bytes"/> long.</summary>
    public static void WriteLargeMotdTemplate(string directory, int bytes)
    {
        var templates = Directory.CreateDirectory(Path.Combine(directory, "templates", "base")).FullName;
        var line = new string('x', 1023) + "\n";
        File.WriteAllText(Path.Combine(templates, "motd.scriban"), new StringBuilder(bytes).Insert(0, line, bytes / line.Length).ToString());
    }
}
