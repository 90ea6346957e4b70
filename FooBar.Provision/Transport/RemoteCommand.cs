namespace FooBar.Provision.Transport;

/// <summary>A shell script to run on a host, as an immutable value.</summary>
/// <remarks>
/// The script is POSIX <c>sh</c>, built as a <see cref="ShellScript"/>: write it as an interpolated string
/// (<c>new RemoteCommand($"rm -f -- {path}")</c>) and every value in it is quoted; a string cannot be passed
/// instead. Secrets never go into the script (it may be logged with <c>-v</c> and is visible in the remote process
/// list); they travel in <see cref="StandardInput"/>.
/// </remarks>
public sealed record RemoteCommand
{
    /// <summary>Creates a command that runs <paramref name="script"/>.</summary>
    public RemoteCommand(ShellScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        Script = script.Text;
    }

    /// <summary>The POSIX shell script's text, as built by <see cref="ShellScript"/>.</summary>
    public string Script { get; }

    /// <summary>Bytes fed to the command's standard input, or null for none.</summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    /// <summary>How long the command may run; null means the connection's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>True when the command only reads (a probe or fact gathering): dry-run sends nothing else.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>A copy with the given standard input.</summary>
    public RemoteCommand WithStandardInput(ReadOnlyMemory<byte> input) => this with { StandardInput = input };

    /// <summary>A copy with the given timeout.</summary>
    public RemoteCommand WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };

    /// <summary>A copy marked read-only.</summary>
    public RemoteCommand AsReadOnly() => this with { IsReadOnly = true };
}
