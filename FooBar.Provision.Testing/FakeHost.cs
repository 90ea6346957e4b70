using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>
/// A stateful Debian host in memory: files, directories, links, packages, services, users and groups, and a log of
/// everything sent to it. The engine talks to it as to a real host (it is an <see cref="IHostConnection"/>).
/// </summary>
/// <remarks>
/// It answers the facts, the apply lock, the journal, and the probes of every built-in resource (file, directory,
/// symlink, absent, packages, service, user, group, command) from its state, and changes that state when the engine
/// applies their changes, so converging twice shows whether a role is idempotent. Other commands succeed without
/// effect; a probe it has no model of fails the test with a message saying how to teach it (<see cref="OnCommand"/>).
/// Like Spectre.Console's <c>TestConsole</c>, it is meant for tests: it is not a shell and runs nothing.
/// </remarks>
public sealed partial class FakeHost : IHostConnection
{
    private readonly Dictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeDirectory> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeService> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<FakeHost>>> _installEffects = new(StringComparer.Ordinal);
    private readonly List<(string Fragment, Func<FakeHost, string, CommandResult> Respond)> _responders = [];
    private readonly List<SentCommand> _sent = [];
    private readonly object _gate = new();

    /// <summary>Creates an empty Debian 12 host (systemd, apt) called <paramref name="name"/>.</summary>
    public FakeHost(string name = "test-host")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        HostName = name;
        Facts = HostFacts.Debian12 with { Hostname = name };
    }

    /// <inheritdoc />
    public string HostName { get; }

    /// <inheritdoc />
    public int RoundTrips
    {
        get
        {
            lock (_gate)
            {
                return _sent.Count;
            }
        }
    }

    /// <summary>The facts the host reports (change them to play another OS, or an upgrade between runs).</summary>
    public HostFacts Facts { get; set; }

    /// <summary>When set, another apply holds the host's lock: the owner file's lines (<c>session=…</c>, <c>controller=…</c>).</summary>
    public string? LockHeldBy { get; set; }

    /// <summary>When true, every command fails as an unreachable host would.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Every command and file write, in the order the engine sent them.</summary>
    public IReadOnlyList<SentCommand> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToArray();
            }
        }
    }

    /// <summary>The regular files by path.</summary>
    public IReadOnlyDictionary<string, FakeFile> Files => _files;

    /// <summary>The directories by path.</summary>
    public IReadOnlyDictionary<string, FakeDirectory> Directories => _directories;

    /// <summary>The symbolic links: path to target.</summary>
    public IReadOnlyDictionary<string, string> Symlinks => _links;

    /// <summary>The installed packages.</summary>
    public IReadOnlyCollection<string> Packages => _packages;

    /// <summary>The services by name.</summary>
    public IReadOnlyDictionary<string, FakeService> Services => _services;

    /// <summary>The users by name.</summary>
    public IReadOnlyDictionary<string, FakeUser> Users => _users;

    /// <summary>The groups.</summary>
    public IReadOnlyCollection<string> Groups => _groups;

    /// <summary>The file at <paramref name="path"/>.</summary>
    /// <exception cref="RoleAssertionException">There is no regular file there (the message lists the files there are).</exception>
    public FakeFile File(string path) =>
        _files.TryGetValue(path, out var file) ? file
        : throw new RoleAssertionException($"host '{HostName}' has no file {path}{Nearby(path)}; its files: {List(_files.Keys)}");

    /// <summary>The service called <paramref name="name"/>.</summary>
    /// <exception cref="RoleAssertionException">The host has no such service.</exception>
    public FakeService Service(string name) =>
        _services.TryGetValue(name, out var service) ? service
        : throw new RoleAssertionException($"host '{HostName}' has no service {name}; its services: {List(_services.Keys)}");

    /// <summary>The user called <paramref name="name"/>.</summary>
    /// <exception cref="RoleAssertionException">The host has no such user.</exception>
    public FakeUser User(string name) =>
        _users.TryGetValue(name, out var user) ? user
        : throw new RoleAssertionException($"host '{HostName}' has no user {name}; its users: {List(_users.Keys)}");

    /// <summary>True when anything (file, directory, link) is at <paramref name="path"/> or under it.</summary>
    public bool Exists(string path) =>
        _files.ContainsKey(path) || _directories.ContainsKey(path) || _links.ContainsKey(path) || IsParent(path);

    /// <summary>Adds or replaces a text file (UTF-8).</summary>
    public FakeHost WithFile(string path, string content, string mode = "644", string owner = "root", string group = "root") =>
        WithFile(path, Encoding.UTF8.GetBytes(content ?? throw new ArgumentNullException(nameof(content))), mode, owner, group);

    /// <summary>Adds or replaces a file.</summary>
    public FakeHost WithFile(string path, byte[] content, string mode = "644", string owner = "root", string group = "root")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        Remove(path);
        _files[path] = new FakeFile(path, content.ToArray(), NormalizeMode(mode), owner, group);
        return this;
    }

    /// <summary>Adds or replaces a directory.</summary>
    public FakeHost WithDirectory(string path, string mode = "755", string owner = "root", string group = "root")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _files.Remove(path);
        _links.Remove(path);
        _directories[path] = new FakeDirectory(path, NormalizeMode(mode), owner, group);
        return this;
    }

    /// <summary>Adds or replaces a symbolic link at <paramref name="path"/> pointing at <paramref name="target"/>.</summary>
    public FakeHost WithSymlink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(target);
        _files.Remove(path);
        _directories.Remove(path);
        _links[path] = target;
        return this;
    }

    /// <summary>Marks packages installed (without running their <see cref="WhenInstalled"/> effects).</summary>
    public FakeHost WithPackages(params string[] packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        _packages.UnionWith(packages);
        return this;
    }

    /// <summary>Adds or replaces a service.</summary>
    public FakeHost WithService(string name, bool running = true, bool enabled = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _services[name] = new FakeService(name, running, enabled);
        return this;
    }

    /// <summary>Adds or replaces a user (its group is not created).</summary>
    public FakeHost WithUser(string name, string group, string home, string shell = "/usr/sbin/nologin")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _users[name] = new FakeUser(name, group, home, shell);
        return this;
    }

    /// <summary>Adds a group.</summary>
    public FakeHost WithGroup(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _groups.Add(name);
        return this;
    }

    /// <summary>Removes whatever is at <paramref name="path"/> and under it (files, directories, links).</summary>
    public FakeHost Remove(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var prefix = path.TrimEnd('/') + "/";
        bool Doomed(string p) => p == path || p.StartsWith(prefix, StringComparison.Ordinal);
        foreach (var key in _files.Keys.Where(Doomed).ToArray())
        {
            _files.Remove(key);
        }

        foreach (var key in _directories.Keys.Where(Doomed).ToArray())
        {
            _directories.Remove(key);
        }

        foreach (var key in _links.Keys.Where(Doomed).ToArray())
        {
            _links.Remove(key);
        }

        return this;
    }

    /// <summary>What installing <paramref name="package"/> does besides (files it creates, a service it enables): run when the engine installs it.</summary>
    /// <example><c>host.WhenInstalled("nginx", h =&gt; h.WithService("nginx", running: false).WithSymlink("/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default"))</c></example>
    public FakeHost WhenInstalled(string package, Action<FakeHost> effect)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        ArgumentNullException.ThrowIfNull(effect);
        if (!_installEffects.TryGetValue(package, out var effects))
        {
            _installEffects[package] = effects = [];
        }

        effects.Add(effect);
        return this;
    }

    /// <summary>
    /// Teaches the host a command: a command or probe whose script contains <paramref name="fragment"/> gets the answer of
    /// <paramref name="respond"/> (which may change the host) instead of the built-in behaviour. The latest rule wins.
    /// </summary>
    /// <remarks>For a probe, the answer's standard output is what the resource's <c>Compare</c> reads.</remarks>
    public FakeHost OnCommand(string fragment, Func<FakeHost, string, CommandResult> respond)
    {
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        ArgumentNullException.ThrowIfNull(respond);
        _responders.Insert(0, (fragment, respond));
        return this;
    }

    /// <summary>Makes a command (or a handler's validation) containing <paramref name="fragment"/> fail with <paramref name="exitCode"/>.</summary>
    public FakeHost FailOn(string fragment, int exitCode = 1, string standardError = "failed (FakeHost.FailOn)") =>
        OnCommand(fragment, (_, _) => new CommandResult(exitCode, "", standardError));

    /// <summary>Closes nothing: the host keeps its state for the next run.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The host's state as text, one line per item, sorted (the idempotence check compares two of them).</summary>
    public string Describe()
    {
        var lines = new List<string>();
        lines.AddRange(_files.Values.Select(f => $"file {f.Path} {f.Mode} {f.Owner}:{f.Group} sha256:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Content.Span))[..16]}"));
        lines.AddRange(_directories.Values.Select(d => $"directory {d.Path} {d.Mode} {d.Owner}:{d.Group}"));
        lines.AddRange(_links.Select(l => $"symlink {l.Key} -> {l.Value}"));
        lines.AddRange(_packages.Select(p => $"package {p}"));
        lines.AddRange(_services.Values.Select(s => $"service {s.Name} running={s.Running} enabled={s.Enabled} starts={s.Starts} reloads={s.Reloads} restarts={s.Restarts}"));
        lines.AddRange(_users.Values.Select(u => $"user {u.Name} {u.Group} {u.Home}:{u.Shell}"));
        lines.AddRange(_groups.Select(g => $"group {g}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private bool IsParent(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        return _files.Keys.Concat(_directories.Keys).Concat(_links.Keys).Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    private string Nearby(string path) =>
        _directories.ContainsKey(path) ? " (a directory is there)" : _links.TryGetValue(path, out var target) ? $" (a link to {target} is there)" : "";

    private static string List(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? "(none)" : string.Join(", ", sorted);
    }

    internal static string NormalizeMode(string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        var trimmed = mode.TrimStart('0');
        return trimmed.PadLeft(3, '0');
    }
}
