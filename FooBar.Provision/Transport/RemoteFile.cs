namespace FooBar.Provision.Transport;

/// <summary>A file to write on a host, atomically, with its mode and owner.</summary>
/// <param name="Path">Absolute path on the host.</param>
/// <param name="Content">The bytes to write.</param>
/// <param name="Mode">Octal mode such as <c>0644</c>.</param>
/// <param name="Owner">Owning user, or null to keep the writer's.</param>
/// <param name="Group">Owning group, or null to keep the writer's.</param>
public sealed record RemoteFile(string Path, ReadOnlyMemory<byte> Content, string Mode = "0644", string? Owner = null, string? Group = null)
{
    /// <summary>When set, a copy of the current file is kept at this path before the new one is swapped in.</summary>
    public string? BackupPath { get; init; }
}
