using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>A symbolic link pointing at a target, switched atomically (a new link, then a rename over the old one).</summary>
public sealed class SymlinkResource(string path, string target) : Resource
{
    /// <summary>The link's path.</summary>
    public string Path { get; } = path;

    /// <summary>What the link points at.</summary>
    public string Target { get; } = target;

    /// <inheritdoc />
    public override string Kind => "symlink";

    /// <inheritdoc />
    public override string Name => Path;

    /// <inheritdoc />
    public override string ProbeScript
    {
        get
        {
            var p = ShellQuote.Quote(Path);
            return $"if [ -L {p} ]; then echo \"link $(readlink {p})\"; elif [ -e {p} ]; then echo notlink; else echo absent; fi";
        }
    }

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var state = current.Output.TrimEnd('\n');
        if (state == $"link {Target}")
        {
            return null;
        }

        if (state == "notlink")
        {
            throw new ResourceFailedException($"{Path} exists and is not a symbolic link", "move it away; a link is never switched over a real file or directory");
        }

        var temporary = ShellQuote.Quote(Path + ".provision-new");
        var script = $"ln -sfn {ShellQuote.Quote(Target)} {temporary} && mv -Tf {temporary} {ShellQuote.Quote(Path)}";
        var was = state.StartsWith("link ", StringComparison.Ordinal) ? $" (was {state[5..]})" : "";
        return new ResourceChange(was.Length == 0 ? ChangeAction.Create : ChangeAction.Update, $"link {Path} -> {Target}{was}", RemoteActions.Run(script));
    }
}
