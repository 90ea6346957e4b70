namespace FooBar.Provision.Inventory;

/// <summary>Reads an inventory file, applies variable precedence and validates it completely.</summary>
/// <remarks>
/// Validation collects every problem it can find and throws them together in one
/// <see cref="InventoryException"/>, each with a file:line:column, a message and a hint. Secrets
/// (<c>{ env: NAME }</c>, <c>{ file: PATH }</c>) are resolved at load time; no error message contains
/// a secret's value. Loading never contacts a host.
/// </remarks>
public sealed class InventoryLoader
{
    /// <summary>The location reported for problems in <c>--var</c> arguments.</summary>
    public static SourceLocation CommandLine { get; } = new("<command line>", 0, 0);

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _knownRoles;
    private readonly Func<string, string?> _environment;

    /// <summary>Creates a loader.</summary>
    /// <param name="knownRoles">Every known role name, mapped to the names of the variables the role requires.</param>
    /// <param name="environment">Reads an environment variable (for <c>{ env: NAME }</c> secrets); defaults to the process environment.</param>
    public InventoryLoader(IReadOnlyDictionary<string, IReadOnlyList<string>> knownRoles, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(knownRoles);
        _knownRoles = knownRoles;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Loads and validates the inventory file at <paramref name="path"/>.</summary>
    /// <param name="path">The inventory file; relative paths inside it resolve from its directory.</param>
    /// <param name="overrides">Command-line <c>--var</c> values, which win over every inventory variable.</param>
    /// <exception cref="InventoryException">The file cannot be read or is invalid (all problems are listed).</exception>
    public InventoryModel Load(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ReadInventoryFile(path), path, overrides);
    }

    private static string ReadInventoryFile(string path)
    {
        var where = new SourceLocation(path, 0, 0);
        var kind = FileKinds.Of(path);
        if (kind != FileKind.Regular)
        {
            var what = kind == FileKind.Missing ? "does not exist" : $"is {FileKinds.Describe(kind)}, not a regular file";
            throw new InventoryException([new InventoryError(where, $"inventory file '{Printable.Escape(path)}' {what}", "check the path, for example: provision check inventory/lab.yaml")]);
        }

        try
        {
            return BoundedFile.ReadText(path, InventoryLimits.MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = e is BoundedFile.TooLargeException ? e.Message : $"cannot be read ({BoundedFile.Reason(e)})";
            throw new InventoryException([new InventoryError(where, $"inventory file '{Printable.Escape(path)}' {what}", "check the path and the file's permissions; an inventory is a small YAML text file")]);
        }
    }

    /// <summary>Parses and validates inventory text.</summary>
    /// <param name="yaml">The inventory's YAML.</param>
    /// <param name="path">The file it came from: used in messages and as the base directory of relative paths.</param>
    /// <param name="overrides">Command-line <c>--var</c> values, which win over every inventory variable.</param>
    /// <exception cref="InventoryException">The inventory is invalid (all problems are listed).</exception>
    public InventoryModel Parse(string yaml, string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);
        var parser = new InventoryParser(path, _knownRoles, _environment);
        return parser.Parse(yaml, overrides ?? new Dictionary<string, string>());
    }

    /// <summary>Parses <c>--var NAME=VALUE</c> arguments (split at the first <c>=</c>; a later repetition wins).</summary>
    /// <remarks>Values stay plain strings; they are not parsed as YAML. Messages never repeat a value.</remarks>
    /// <exception cref="InventoryException">An argument has no <c>=</c> or an empty name (all are listed).</exception>
    public static IReadOnlyDictionary<string, string> ParseOverrides(IEnumerable<string> varArgs)
    {
        ArgumentNullException.ThrowIfNull(varArgs);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<InventoryError>();
        var position = 0;
        foreach (var arg in varArgs)
        {
            position++;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                var shown = IsPlainName(arg) ? $"'{arg}'" : $"number {position}";
                errors.Add(new InventoryError(CommandLine, $"--var {shown} has no '=' (expected NAME=VALUE)", $"write --var {(IsPlainName(arg) ? arg : "NAME")}=VALUE, for example --var app_port=8080"));
            }
            else if (string.IsNullOrWhiteSpace(arg[..equals]))
            {
                errors.Add(new InventoryError(CommandLine, $"--var number {position} has an empty name before '='", "write --var NAME=VALUE with the variable's name before '='"));
            }
            else if (InventoryNames.VariableNameProblem(arg[..equals]) is { } problem)
            {
                errors.Add(new InventoryError(CommandLine, $"the name of --var number {position} {problem}", "write --var NAME=VALUE with a name such as app_port"));
            }
            else
            {
                result[arg[..equals]] = arg[(equals + 1)..];
            }
        }

        return errors.Count > 0 ? throw new InventoryException(errors) : result;
    }

    private static bool IsPlainName(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
