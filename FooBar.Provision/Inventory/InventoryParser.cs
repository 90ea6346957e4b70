using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>One load of one inventory: parses, collects every error, then builds the model or throws.</summary>
internal sealed partial class InventoryParser
{
    private static readonly string[] TopLevelKeys = ["vars", "groups", "hosts", "jump", "transport", "kex_algorithms"];

    private readonly string _file;
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _knownRoles;
    private readonly Func<string, string?> _environment;
    private readonly List<InventoryError> _errors = [];

    // Where each value of a vars: mapping is, keyed by the mapping ParseVars returned (by reference).
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, Dictionary<string, Dictionary<string, SourceLocation>>> _varLocations = new(ReferenceEqualityComparer.Instance);

    public InventoryParser(string file, IReadOnlyDictionary<string, IReadOnlyList<string>> knownRoles, Func<string, string?> environment)
    {
        _file = file;
        _directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        _knownRoles = knownRoles;
        _environment = environment;
    }

    public InventoryModel Parse(string yaml, IReadOnlyDictionary<string, string> overrides)
    {
        var root = LoadRoot(yaml);
        if (root is null)
        {
            throw Failure();
        }

        if (root is not YamlMappingNode top)
        {
            Error(root, "the inventory must be a mapping with 'vars', 'groups' and 'hosts'", "start the file with 'hosts:' and list each host under it");
            throw Failure();
        }

        CheckKeys(top, TopLevelKeys, "at the top level");
        var vars = ParseVars(Find(top, "vars"), "inventory vars");
        ReadJump(top, string.Empty, "the inventory");
        var transport = ReadTransport(top, "the inventory");
        var kex = ReadKex(top, "the inventory");
        var hosts = ParseHosts(top);
        var groups = ParseGroups(Find(top, "groups"), new HashSet<string>(hosts.Select(h => h.Entry.Name), StringComparer.Ordinal));
        var memberships = Memberships(groups);
        foreach (var key in overrides.Keys.Where(string.IsNullOrWhiteSpace))
        {
            Error(InventoryLoader.CommandLine, "a --var has an empty name", "write --var NAME=VALUE");
        }

        if (!WithinVariableVolume(hosts, memberships, vars, overrides))
        {
            throw Failure();
        }

        var entries = hosts.Select(h => WithJump(Resolve(h, memberships.GetValueOrDefault(h.Entry.Name) ?? [], vars, overrides, transport, kex))).ToArray();
        if (_errors.Count > 0)
        {
            throw Failure();
        }

        var groupMap = groups.ToDictionary(g => g.Name, g => g.Hosts, StringComparer.Ordinal);
        var rollouts = groups.Where(g => g.Serial is not null || g.MaxFailPercentage is not null)
            .ToDictionary(g => g.Name, g => new GroupRollout(g.Serial, g.MaxFailPercentage ?? 0), StringComparer.Ordinal);
        return new InventoryModel(_file, entries, groupMap) { Rollouts = rollouts };
    }

    private YamlNode? LoadRoot(string yaml)
    {
        if (yaml.Length > InventoryLimits.MaxFileBytes)
        {
            Error(new SourceLocation(_file, 1, 1), $"the inventory is {yaml.Length} characters long, more than the limit of {InventoryLimits.MaxFileBytes}", TooLargeHint);
            return null;
        }

        var reader = new PositionReader(yaml);
        var bounded = new BoundedYamlParser(new Parser(reader));
        var filter = new DuplicateKeyFilter(bounded);
        var stream = new YamlStream();
        try
        {
            stream.Load(filter);
        }
        catch (YamlException e)
        {
            Error(At(e.Start), $"invalid YAML: {SyntaxMessage(e)}", SyntaxHint);
            return null;
        }
        catch (YamlLimitException e)
        {
            Error(At(e.Start), e.Message, e.Hint);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these without a position for some broken flow collections ("hosts: [a" then "b: c").
            Error(new SourceLocation(_file, reader.Line, Math.Max(1, reader.Column)), "invalid YAML: unexpected text; a '[' or '{' may not be closed", SyntaxHint);
            return null;
        }
        finally
        {
            // The later duplicates were dropped from the document, so validation goes on without them.
            _errors.AddRange(filter.Duplicates.Select(DuplicateError));
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, "the inventory has more than one YAML document", "keep one document: remove the '---' separator and merge the contents");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            Error(new SourceLocation(_file, 1, 1), "the inventory is empty", "add hosts, for example:\n    hosts:\n      www:\n        address: 192.0.2.10");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private InventoryError DuplicateError(DuplicateKey duplicate)
    {
        var firstLine = duplicate.First.Line;
        var (message, hint) = duplicate.Path switch
        {
            ["hosts"] => ($"host '{duplicate.Key}' is declared twice (first on line {firstLine})", "give each host a unique name, or merge the two declarations"),
            ["groups"] => ($"group '{duplicate.Key}' is declared twice (first on line {firstLine})", "give each group a unique name, or merge the two declarations"),
            [] => ($"top-level key '{duplicate.Key}' appears twice (first on line {firstLine})", "merge the two sections into one"),
            ["hosts", var host] => ($"key '{duplicate.Key}' appears twice in host '{host}' (first on line {firstLine})", "keep one of them; YAML allows each key once per mapping"),
            ["groups", var group] => ($"key '{duplicate.Key}' appears twice in group '{group}' (first on line {firstLine})", "keep one of them; YAML allows each key once per mapping"),
            var path => ($"key '{duplicate.Key}' appears twice in '{string.Join('.', path).Replace(".[]", "[]", StringComparison.Ordinal)}' (first on line {firstLine})", "keep one of them; YAML allows each key once per mapping"),
        };
        return new InventoryError(At(duplicate.Start), Printable.Escape(message), Printable.Escape(hint));
    }

    private static string SyntaxMessage(YamlException e)
    {
        // YamlDotNet prefixes the message with "(Line: l, Col: c, Idx: i) - (Line: …): "; the location is reported separately.
        var message = e.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && separator >= 0 ? message[(separator + 3)..] : message;
    }

    private const string SyntaxHint = "fix the YAML syntax: check the indentation, unclosed quotes or brackets, and a space after each ':'";

    private const string TooLargeHint = "an inventory of hundreds of hosts fits in far less; split the file or check that this is the right file";

    private InventoryException Failure() =>
        new(_errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToArray());

    private SourceLocation At(Mark mark) => new(_file, checked((int)mark.Line), checked((int)mark.Column));

    private SourceLocation At(YamlNode node) => At(node.Start);

    private void Error(YamlNode node, string message, string hint) => Error(At(node), message, hint);

    // Messages quote names and values from the file: never let a control character reach the terminal raw.
    private void Error(SourceLocation location, string message, string hint) =>
        _errors.Add(new InventoryError(location, Printable.Escape(message), Printable.Escape(hint, keepNewlines: true)));
}
