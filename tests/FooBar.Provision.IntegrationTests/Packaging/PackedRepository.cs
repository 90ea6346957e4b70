using System.Diagnostics;

namespace FooBar.Provision.IntegrationTests.Packaging;

/// <summary>
/// This working tree (tracked and new files, as they are now) copied to a temporary folder, committed, tagged
/// <see cref="Tag"/> and packed once with <c>eng/pack.sh</c>, as a release would be. The copy has no remote, so the
/// packages' repository and source link must come from the build files, not from this clone.
/// </summary>
public sealed class PackedRepository : IAsyncLifetime
{
    /// <summary>The tag the copy's commit gets.</summary>
    public const string Tag = "v9.8.7";

    /// <summary>The version <see cref="Tag"/> stands for.</summary>
    public const string Version = "9.8.7";

    /// <summary>The public repository every package points at.</summary>
    public const string RepositoryUrl = "https://github.com/foobar/provision";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "foobar-pack-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The committed and tagged copy.</summary>
    public string Copy => Path.Combine(_root, "repository");

    /// <summary>Where eng/pack.sh put the packages.</summary>
    public string Output => Path.Combine(_root, "packages");

    /// <summary>The folder for more clones of <see cref="Copy"/>.</summary>
    public string Scratch => Path.Combine(_root, "scratch");

    /// <summary>The tagged commit.</summary>
    public string Commit { get; private set; } = string.Empty;

    /// <summary>How long eng/pack.sh took.</summary>
    public TimeSpan PackTime { get; private set; }

    /// <summary>What eng/pack.sh printed.</summary>
    public string PackOutput { get; private set; } = string.Empty;

    /// <summary>The package ids of the projects that say they are packable.</summary>
    public IReadOnlyList<string> PackableIds { get; private set; } = [];

    /// <summary>Every package eng/pack.sh made (.nupkg and .snupkg).</summary>
    public IReadOnlyList<PackageFile> Packages { get; private set; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var source = Repository.Root();
        var listed = await LocalProcess.RunInAsync(source, TimeSpan.FromMinutes(1), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        foreach (var file in listed.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(source, f))))
        {
            var target = Path.Combine(Copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target) ?? Copy);
            File.Copy(Path.Combine(source, file), target);
        }

        await GitAsync(Copy, "init", "-q", "-b", "main");
        await GitAsync(Copy, "add", "-A");
        await GitAsync(Copy, "commit", "-q", "-m", "packaging test");
        await GitAsync(Copy, "tag", Tag);
        Commit = (await GitAsync(Copy, "rev-parse", "HEAD")).Trim();
        Directory.CreateDirectory(Scratch);

        var clock = Stopwatch.StartNew();
        PackOutput = await LocalProcess.RunInAsync(Copy, TimeSpan.FromMinutes(10), "bash", "eng/pack.sh", Output);
        PackTime = clock.Elapsed;
        PackableIds = Directory.EnumerateFiles(Copy, "*.csproj", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Where(project => project.Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal))
            .Select(PackageIdOf)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Packages = Directory.EnumerateFiles(Output).Where(f => f.EndsWith(".nupkg", StringComparison.Ordinal) || f.EndsWith(".snupkg", StringComparison.Ordinal))
            .Select(PackageFile.Open)
            .ToArray();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs git in <paramref name="directory"/> with a fixed identity and no hooks or signing.</summary>
    public static Task<string> GitAsync(string directory, params string[] arguments) =>
        LocalProcess.RunInAsync(directory, TimeSpan.FromMinutes(2), "git",
            ["-c", "user.name=FooBar tests", "-c", "user.email=tests@foobar.invalid", "-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false", "-c", "core.hooksPath=/dev/null", .. arguments]);

    private static string PackageIdOf(string project)
    {
        var start = project.IndexOf("<PackageId>", StringComparison.Ordinal);
        return start < 0
            ? throw new InvalidOperationException("a packable project without <PackageId>")
            : project[(start + "<PackageId>".Length)..project.IndexOf("</PackageId>", start, StringComparison.Ordinal)];
    }
}
