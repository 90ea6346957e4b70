using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>Reading typed settings from YAML nodes, reporting wrong types.</summary>
internal sealed partial class InventoryParser
{
    private static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var name } && name == key).Value;

    private static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" } scalar && scalar.Tag.IsEmpty);

    private void CheckKeys(YamlMappingNode map, string[] allowed, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                Error(key, $"a key {where} is not a name", $"use one of: {string.Join(", ", allowed)}");
            }
            else if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"unknown key '{name}' {where}", Suggestions.Hint(name, allowed, "allowed keys"));
            }
        }
    }

    /// <summary>A non-empty scalar, or null (reported) when the node is something else.</summary>
    private string? ReadName(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } text } && !IsNull(node))
        {
            return text;
        }

        Error(node, $"{what} must be a non-empty text value", $"write {what} as plain text");
        return null;
    }

    private string? ReadOptionalName(YamlMappingNode map, string key, string what) =>
        Find(map, key) is { } node && !IsNull(node) ? ReadName(node, what) : null;

    /// <summary>A name that must also pass <paramref name="rule"/> (see <see cref="InventoryNames"/>), or null (reported).</summary>
    private string? ReadName(YamlNode node, string what, Func<string, string?> rule, string hint)
    {
        if (ReadName(node, what) is not { } text)
        {
            return null;
        }

        if (rule(text) is not { } problem)
        {
            return text;
        }

        Error(node, $"{what} '{Printable.Clip(text, 80)}' {problem}", hint);
        return null;
    }

    private int ReadInt(YamlMappingNode map, string key, string what, int min, int max, int fallback)
    {
        if (Find(map, key) is not { } node || IsNull(node))
        {
            return fallback;
        }

        if (node is YamlScalarNode { Value: var text }
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Error(node, $"{what} must be a whole number from {min} to {max}, not {Describe(node)}", $"write {key}: followed by a number between {min} and {max}");
        return fallback;
    }

    private bool ReadBool(YamlMappingNode map, string key, string what)
    {
        if (Find(map, key) is not { } node || IsNull(node))
        {
            return false;
        }

        if (Scalar(node) is bool value)
        {
            return value;
        }

        Error(node, $"{what} must be true or false, not {Describe(node)}", $"write {key}: true or {key}: false (without quotes)");
        return false;
    }

    /// <summary>A list of names (roles, group members), each with the node it came from.</summary>
    private List<(string Name, YamlNode Node)> ReadNameList(YamlNode? node, string what)
    {
        var names = new List<(string, YamlNode)>();
        if (IsNull(node) || node is null)
        {
            return names;
        }

        if (node is not YamlSequenceNode list)
        {
            Error(node, $"{what} must be a list, not {Describe(node)}", "write a list such as [a, b] or one '- name' per line");
            return names;
        }

        foreach (var item in list.Children)
        {
            if (ReadName(item, $"each entry of {what}") is { } name)
            {
                names.Add((name, item));
            }
        }

        return names;
    }

    private string? ReadPath(YamlMappingNode map, string key, string what)
    {
        var example = key == "known_hosts" ? "~/.ssh/known_hosts" : "~/.ssh/id_ed25519";
        if (Find(map, key) is not { } node || IsNull(node) || ReadName(node, what, InventoryNames.PathProblem, $"write {key}: with a plain file path, such as {example}") is not { } path)
        {
            return null;
        }

        // A FIFO, device, socket or directory is never a key or a known_hosts file, and reading a FIFO would hang the run
        // where no signal ends it. A missing known_hosts may be created (accept-new): CheckKnownHosts decides.
        var resolved = ResolvePath(path);
        if (LocalFiles.Problem(resolved) is { } problem)
        {
            Error(node, $"{what} '{resolved}' {problem}", $"point {key}: at a regular file, such as {example}");
        }
        else if (key == "identity_file" && UnreadableKey(resolved) is { } unreadable)
        {
            // Named on purpose, so a missing or unreadable key is a mistake: said here, not by a failed login later.
            Error(node, $"{what} '{resolved}' {unreadable}", "point identity_file: at your private key (the file without .pub), or remove the line to use the ssh-agent and the default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa)");
        }

        return resolved;
    }

    /// <summary>Why the private key at <paramref name="path"/> (not a FIFO or device: checked before) cannot be read, or null when it can.</summary>
    private static string? UnreadableKey(string path)
    {
        if (path == "/dev/null" || FileKinds.Of(path) == FileKind.Missing)
        {
            return path == "/dev/null" ? "is /dev/null, not a private key" : "does not exist";
        }

        if (LocalFiles.Unreadable(path) is { } why)
        {
            return $"cannot be read ({why})";
        }

        // Its content is never quoted: a file named by mistake may hold a secret.
        return IdentityFiles.Kind(path) == IdentityFileKind.NotAKey
            ? "is not an SSH key: its first line is neither '-----BEGIN ... PRIVATE KEY-----' (OpenSSH, PEM) nor 'PuTTY-User-Key-File-', nor a public key"
            : null;
    }

    /// <summary>Expands <c>~</c> and makes a relative path absolute from the inventory's directory.</summary>
    internal string ResolvePath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.GetFullPath(Path.Join(home, path[1..].TrimStart('/', '\\')));
        }

        return Path.GetFullPath(Path.Combine(_directory, path));
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: var text } when !IsNull(node) => $"'{Printable.Clip(text, 60)}'",
        YamlScalarNode => "empty",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
