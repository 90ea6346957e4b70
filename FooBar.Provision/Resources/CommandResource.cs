using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A command that runs only when its guard says it is needed.</summary>
/// <remarks>
/// Guards: <see cref="Creates"/> (skip when that path exists) and <see cref="Unless"/> (skip when that read-only
/// command exits 0). Without a guard the command would run on every apply, so one is required. Secrets go in
/// <see cref="StandardInput"/>, never in the command.
/// </remarks>
public sealed class CommandResource : Resource
{
    /// <summary>Creates the resource.</summary>
    /// <param name="name">A short name for reports.</param>
    /// <param name="script">The POSIX sh script to run, written as an interpolated string (every value in it quoted).</param>
    public CommandResource(string name, ShellScript script)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(script);
        if (script.Text.Length == 0)
        {
            throw new ArgumentException("the script is empty", nameof(script));
        }

        CommandName = name;
        Script = script;
    }

    /// <summary>The name shown in reports.</summary>
    public string CommandName { get; }

    /// <summary>The script that makes the change.</summary>
    public ShellScript Script { get; }

    /// <summary>Skip when this path exists.</summary>
    public string? Creates { get; init; }

    /// <summary>Skip when this read-only script exits 0.</summary>
    public ShellScript? Unless { get; init; }

    /// <summary>Text fed to the script's stdin (secrets go here).</summary>
    public string? StandardInput { get; init; }

    /// <summary>How long the script may run.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <inheritdoc />
    public override string Kind => "command";

    /// <inheritdoc />
    public override string Name => CommandName;

    /// <inheritdoc />
    public override bool StalesLaterProbes => true;

    /// <inheritdoc />
    public override ShellScript ProbeScript => (Creates, Unless) switch
    {
        (null, null) => throw new InvalidOperationException($"command '{CommandName}' needs a guard (Creates or Unless), or it would run on every apply"),
        (string path, _) => $"if [ -e {path} ]; then echo done; else echo todo; fi",
        (_, ShellScript unless) => $"if ( {unless} ) >/dev/null 2>&1 </dev/null; then echo done; else echo todo; fi",
    };

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context) =>
        current.Output.Trim() == "done"
            ? null
            : new ResourceChange(ChangeAction.Run, $"run {CommandName}", RemoteActions.Run(Script, StandardInput, Timeout));
}
