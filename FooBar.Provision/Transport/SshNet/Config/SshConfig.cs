using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>
/// The user's ssh_config as the SSH.NET transport reads it: <c>Host</c> blocks (patterns with <c>*</c>, <c>?</c>,
/// <c>!</c>), <c>Include</c> (with wildcards, relative to <c>~/.ssh</c>), first obtained value wins.
/// </summary>
/// <remarks>
/// Only the user's file is read (<c>~/.ssh/config</c>, or the file named by <c>FOOBAR_SSH_CONFIG</c>; <c>none</c>
/// reads nothing), not <c>/etc/ssh/ssh_config</c>. <c>Match</c> blocks are not evaluated: a host whose evaluation
/// reaches one is refused with a message naming <c>transport: openssh</c>.
/// </remarks>
internal sealed class SshConfig
{
    /// <summary>The environment variable that names another config file (<c>none</c>: no file), as <c>ssh -F</c>.</summary>
    public const string PathVariable = "FOOBAR_SSH_CONFIG";

    private const int MaxDepth = 16;
    private const int MaxFileBytes = 1024 * 1024;

    private readonly Dictionary<string, (IReadOnlyList<SshConfigLine> Lines, IReadOnlyList<InventoryError> Problems)> _files = new(StringComparer.Ordinal);

    /// <summary>A config that starts at <paramref name="file"/>, with <c>~</c> being <paramref name="home"/>.</summary>
    public SshConfig(string file, string home)
    {
        File = file;
        Home = home;
    }

    /// <summary>The top config file.</summary>
    public string File { get; }

    /// <summary>The home directory that <c>~</c> and relative <c>Include</c> paths start from.</summary>
    public string Home { get; }

    /// <summary>The config <paramref name="environment"/> points at: <c>FOOBAR_SSH_CONFIG</c>, else <c>$HOME/.ssh/config</c>; null for none.</summary>
    /// <remarks>Everything is read through <paramref name="environment"/>: an environment without <c>HOME</c> reads no file.</remarks>
    public static SshConfig? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = environment("HOME") ?? environment("USERPROFILE");
        var named = environment(PathVariable);
        if (string.Equals(named, "none", StringComparison.Ordinal) || (string.IsNullOrEmpty(named) && string.IsNullOrEmpty(home)))
        {
            return null;
        }

        home ??= Path.GetTempPath();
        return string.IsNullOrEmpty(named)
            ? new SshConfig(Path.Combine(home, ".ssh", "config"), home)
            : new SshConfig(Path.GetFullPath(Expand(named, home)), home) { Named = true };
    }

    /// <summary>True when <see cref="File"/> was named by <c>FOOBAR_SSH_CONFIG</c>: then it must exist, as <c>ssh -F FILE</c> refuses a missing one.</summary>
    public bool Named { get; init; }

    /// <summary>What the config says for <paramref name="host"/> (the name ssh would be given: the inventory's <c>address</c>).</summary>
    public SshConfigMatch Evaluate(string host)
    {
        var match = new SshConfigMatch();
        if (System.IO.File.Exists(File) || FileKinds.Of(File) != FileKind.Missing)
        {
            Walk(File, host.ToLowerInvariant(), active: true, depth: 0, match);
        }
        else if (Named)
        {
            // The default ~/.ssh/config is optional; a file named on purpose that is not there is a typo (ssh -F: "Can't open user config file").
            match.Problems.Add(new InventoryError(
                new SourceLocation($"environment variable {PathVariable}", 0, 0),
                Printable.Escape($"{PathVariable} names the ssh config '{File}', which does not exist"),
                $"fix the path, unset {PathVariable} to read ~/.ssh/config, or set {PathVariable}=none to read no ssh config"));
        }

        return match;
    }

    /// <summary><paramref name="path"/> with a leading <c>~</c> or <c>~/</c> replaced by <paramref name="home"/>.</summary>
    public static string Expand(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    private void Walk(string file, string host, bool active, int depth, SshConfigMatch match)
    {
        var (lines, problems) = Read(file);
        match.Problems.AddRange(problems);
        foreach (var line in lines)
        {
            switch (line.Keyword)
            {
                case "host":
                    active = SshConfigPattern.HostMatches(line.Arguments, host);
                    break;
                case "match" when line.Arguments is [var all] && all.Equals("all", StringComparison.OrdinalIgnoreCase):
                    active = true;
                    break;
                case "match":
                    match.Problems.Add(new InventoryError(
                        line.Location,
                        $"ssh config: a 'Match {Printable.Clip(string.Join(' ', line.Arguments), 60)}' block: the sshnet transport does not evaluate Match, so it cannot tell whether it applies to '{host}'",
                        "use `transport: openssh` for this host (the system ssh reads Match), or rewrite the block as a Host block"));
                    active = false;
                    break;
                case "include" when active:
                    if (depth + 1 > MaxDepth)
                    {
                        match.Problems.Add(new InventoryError(line.Location, $"ssh config: Include nested more than {MaxDepth} deep", "remove the Include loop"));
                        break;
                    }

                    foreach (var included in line.Arguments.SelectMany(IncludedFiles))
                    {
                        Walk(included, host, active: true, depth + 1, match);
                    }

                    break;
                case "include":
                    break;
                default:
                    if (active)
                    {
                        match.Add(line);
                    }

                    break;
            }
        }
    }

    private (IReadOnlyList<SshConfigLine> Lines, IReadOnlyList<InventoryError> Problems) Read(string file)
    {
        if (_files.TryGetValue(file, out var cached))
        {
            return cached;
        }

        if (LocalFiles.Problem(file) is { } kind)
        {
            return _files[file] = ([], [new InventoryError(new SourceLocation(file, 0, 0), Printable.Escape($"ssh config '{file}' {kind}"), "point it (or FOOBAR_SSH_CONFIG) at a regular file, or set FOOBAR_SSH_CONFIG=none to read no ssh config")]);
        }

        string text;
        try
        {
            text = BoundedFile.ReadText(file, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return _files[file] = ([], [new InventoryError(new SourceLocation(file, 0, 0), Printable.Escape($"ssh config '{file}' cannot be read ({BoundedFile.Reason(e)})"), "fix its permissions, or set FOOBAR_SSH_CONFIG=none to read no ssh config")]);
        }

        return _files[file] = SshConfigText.Parse(text, file);
    }

    // Include: ~ is the home directory, a relative path is in ~/.ssh, wildcards in the file name match in sorted order.
    private IEnumerable<string> IncludedFiles(string pattern)
    {
        var path = Expand(pattern, Home);
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(Home, ".ssh", path);
        }

        var directory = Path.GetDirectoryName(path) ?? ".";
        var name = Path.GetFileName(path);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return System.IO.File.Exists(path) ? [path] : [];
        }

        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(f => SshConfigPattern.Matches(name, Path.GetFileName(f))).Order(StringComparer.Ordinal).ToArray()
            : [];
    }
}
