using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>A <see cref="FileResource"/> whose content never shows: not in the plan's diff, not in the probe's output.</summary>
/// <remarks>
/// The engine masks secret <em>variables</em> in diffs, but a private key read from a file, or split into lines by a
/// diff, would slip past a mask. This resource's probe reads only the file's metadata and hash (never its bytes),
/// and its change carries a fixed note instead of a diff. Writes keep the engine's atomic, backed-up path.
/// </remarks>
internal sealed class SecretFileResource(string path, byte[] content, string mode, string owner = "root", string group = "root") : Resource
{
    private readonly FileResource _file = new(path, content, mode, owner, group);

    /// <summary>The absolute path.</summary>
    public string Path => _file.Path;

    /// <inheritdoc />
    public override string Kind => _file.Kind;

    /// <inheritdoc />
    public override string Name => _file.Name;

    /// <inheritdoc />
    public override string ProbeScript
    {
        get
        {
            var p = ShellQuote.Quote(Path);
            return $"if [ -f {p} ] && [ ! -L {p} ]; then stat -c '%a %U %G %s' {p}; sha256sum < {p} | cut -c1-64; " +
                   $"elif [ -e {p} ] || [ -L {p} ]; then echo notfile; else echo absent; fi";
        }
    }

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        // Only the metadata and hash lines reach the file resource: it has no "before" text to diff against.
        var metadata = new ProbeResult(current.ExitCode, string.Join('\n', current.Lines.Take(2)));
        var change = _file.Compare(metadata, context);
        return change is null ? null : change with { Diff = $"(secret content, {_file.Content.Count} bytes: not shown)" };
    }
}
