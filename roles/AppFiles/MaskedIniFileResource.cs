using System.Text.RegularExpressions;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>A <see cref="FileResource"/> for INI files whose diff masks the values of secret keys on both sides.</summary>
/// <remarks>
/// The engine masks the <em>current</em> value of every secret variable, but not a value that is no longer a variable:
/// when a password is rotated, the old one would show on the diff's <c>-</c> line. This resource masks every
/// <c>key = value</c> line of the given keys, old or new, so the diff still shows which settings change.
/// </remarks>
public sealed partial class MaskedIniFileResource : Resource
{
    private readonly FileResource _file;
    private readonly HashSet<string> _secretKeys;

    /// <summary>Creates the resource.</summary>
    /// <param name="path">The absolute path.</param>
    /// <param name="content">The file's content.</param>
    /// <param name="secretKeys">The keys whose values are never shown (<c>password</c>).</param>
    /// <param name="mode">The octal mode.</param>
    /// <param name="owner">The owner.</param>
    /// <param name="group">The group.</param>
    public MaskedIniFileResource(string path, string content, IEnumerable<string> secretKeys, string mode, string owner, string group)
    {
        ArgumentNullException.ThrowIfNull(secretKeys);
        _file = new FileResource(path, content, mode, owner, group);
        _secretKeys = new HashSet<string>(secretKeys, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The file resource this one wraps: path, content, mode and owner.</summary>
    public FileResource Inner => _file;

    /// <inheritdoc />
    public override string Kind => _file.Kind;

    /// <inheritdoc />
    public override string Name => _file.Name;

    /// <inheritdoc />
    public override string ProbeScript => _file.ProbeScript;

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var change = _file.Compare(current, context);
        return change?.Diff is null ? change : change with { Diff = Mask(change.Diff) };
    }

    private string Mask(string diff) => DiffLine().Replace(diff, m =>
        _secretKeys.Contains(m.Groups["key"].Value) && m.Groups["value"].Length > 0
            ? m.Groups["head"].Value + Variables.SecretValue.Mask
            : m.Value);

    [GeneratedRegex(@"^(?<head>[-+ ][ \t]*(?<key>[A-Za-z0-9_.-]+)[ \t]*=[ \t]*)(?<value>[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex DiffLine();
}
