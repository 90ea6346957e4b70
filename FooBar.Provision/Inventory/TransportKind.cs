namespace FooBar.Provision.Inventory;

/// <summary>How a host is reached: the in-process SSH.NET client or the system OpenSSH client.</summary>
public enum TransportKind
{
    /// <summary>The system OpenSSH client (<c>ssh</c>) with one ControlMaster per host (<c>transport: openssh</c>).</summary>
    OpenSsh,

    /// <summary>SSH.NET in process: one SSH connection per host, commands on its channels (<c>transport: sshnet</c>).</summary>
    SshNet,
}
