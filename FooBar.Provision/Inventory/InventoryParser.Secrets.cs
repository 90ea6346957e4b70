using FooBar.Provision.Variables;
using YamlDotNet.RepresentationModel;

namespace FooBar.Provision.Inventory;

/// <summary>Resolving secrets: <c>{ env: NAME }</c> and <c>{ file: PATH }</c> (a regular file of bounded size, never a pipe or device).</summary>
internal sealed partial class InventoryParser
{
    private SecretValue? FromEnvironment(YamlMappingNode map, string name, string what)
    {
        if (!Printable.IsPrintable(name) || name.Contains('=') || name.Length > InventoryLimits.MaxNameLength)
        {
            Error(map, $"the secret for {what} names the environment variable '{Printable.Clip(name, 60)}', which is not a variable name", "write { env: NAME } with a name such as FOOBAR_DB_PASSWORD");
            return null;
        }

        var value = _environment(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            var state = value is null ? "is not set" : value.Length == 0 ? "is empty" : "holds only white space";
            Error(map, $"the secret for {what} comes from environment variable '{name}', which {state}", $"export {name} before running (for example from your secret store), or use {{ file: PATH }} instead");
            return null;
        }

        return Checked(map, new SecretValue($"env:{name}", value), what, $"environment variable '{name}'");
    }

    private SecretValue? FromFile(YamlMappingNode map, string path, string what)
    {
        if (InventoryNames.PathProblem(path) is { } problem)
        {
            Error(map, $"the file path of the secret for {what} {problem}", "write { file: PATH } with a plain path, relative to the inventory's directory or absolute");
            return null;
        }

        var fullPath = ResolvePath(path);
        var hint = $"create the file (a regular file, readable only by you: chmod 600) or fix the path; relative paths start at {_directory}";
        var kind = FileKinds.Of(fullPath);
        if (kind != FileKind.Regular)
        {
            var state = kind == FileKind.Missing ? "does not exist" : $"is {FileKinds.Describe(kind)}, not a regular file";
            Error(map, $"the secret for {what} comes from file '{fullPath}', which {state}", hint);
            return null;
        }

        try
        {
            var text = BoundedFile.ReadText(fullPath, InventoryLimits.MaxSecretBytes);
            text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(map, $"the secret for {what} comes from file '{fullPath}', which is empty", "write the secret into the file, or fix the path");
                return null;
            }

            return Checked(map, new SecretValue($"file:{path}", text), what, $"file '{fullPath}'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var state = e is BoundedFile.TooLargeException ? e.Message : $"cannot be read ({BoundedFile.Reason(e)})";
            Error(map, $"the secret for {what} comes from file '{fullPath}', which {state}", hint);
            return null;
        }
    }

    // A secret too short to mask would either leak or, masked, hide every occurrence of a common word in the output.
    private SecretValue? Checked(YamlMappingNode map, SecretValue secret, string what, string source)
    {
        if (secret.Reveal().Count(c => !char.IsWhiteSpace(c)) >= SecretMasker.MinimumLength)
        {
            return secret;
        }

        Error(map, $"the secret for {what} from {source} has fewer than {SecretMasker.MinimumLength} characters besides white space", $"use a longer secret: a value this short can be neither guessed-proof nor told apart from ordinary text when output is masked");
        return null;
    }
}
