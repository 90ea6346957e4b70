using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>One thing the engine sent to a <see cref="FakeHost"/>: a command, or a file to write.</summary>
/// <remarks>Exactly one of <see cref="Command"/> and <see cref="File"/> is set.</remarks>
public sealed record SentCommand
{
    internal SentCommand(RemoteCommand? command, RemoteFile? file)
    {
        Command = command;
        File = file;
    }

    /// <summary>The command, or null for a file write.</summary>
    public RemoteCommand? Command { get; }

    /// <summary>The file written, or null for a command.</summary>
    public RemoteFile? File { get; }

    /// <summary>True when the engine marked the command read-only (facts, probes, checks); a file write never is.</summary>
    public bool IsReadOnly => Command?.IsReadOnly ?? false;

    /// <summary>The command's script, or <c>write PATH (mode MODE)</c> for a file write.</summary>
    public string Text => Command?.Script ?? $"write {File?.Path} (mode {File?.Mode})";

    /// <summary>The text, for messages.</summary>
    public override string ToString() => Text;
}
