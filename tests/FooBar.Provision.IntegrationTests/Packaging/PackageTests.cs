using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests.Packaging;

/// <summary>
/// What a NuGet user gets from eng/pack.sh on a tagged commit: every packable project packed, with symbols, source
/// link to that commit, the tag's version, the repository, licence and XML docs, a README of its own whose links work
/// on a package page, and assemblies that a second build elsewhere reproduces byte for byte.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class PackageTests(PackedRepository repository, ITestOutputHelper output)
{
    private IEnumerable<PackageFile> Packages => repository.Packages.Where(p => !p.IsSymbols);

    [Fact]
    public void Every_packable_project_is_packed_with_a_symbols_package_when_it_has_code()
    {
        output.WriteLine($"eng/pack.sh took {repository.PackTime.TotalSeconds:0.0} s:\n{repository.PackOutput}");
        Assert.Superset(new HashSet<string> { "FooBar.Provision", "FooBar.Provision.Roles", "FooBar.Provision.Cli" }, repository.PackableIds.ToHashSet());
        Assert.Equal(repository.PackableIds, Packages.Select(p => p.Id).Order(StringComparer.Ordinal));
        foreach (var package in Packages.Where(p => p.OwnAssemblies.Any()))
        {
            Assert.True(SymbolsOf(package) is not null, $"{package.FileName} has assemblies but no .snupkg beside it");
        }

        Assert.EndsWith($"version {PackedRepository.Version} in {repository.Output}", repository.PackOutput.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_package_and_assembly_has_the_version_of_the_git_tag()
    {
        foreach (var package in repository.Packages)
        {
            Assert.Equal(PackedRepository.Version, package.Version);
            var ours = package.Metadata.Descendants().Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value.StartsWith("FooBar.", StringComparison.Ordinal) == true);
            Assert.All(ours, d => Assert.Equal(PackedRepository.Version, d.Attribute("version")?.Value));
        }

        foreach (var (package, assembly) in Packages.SelectMany(p => p.OwnAssemblies.Select(a => (p, a))))
        {
            var path = Path.Combine(repository.Scratch, Guid.NewGuid().ToString("N") + ".dll");
            File.WriteAllBytes(path, package.Entries[assembly]);
            var version = FileVersionInfo.GetVersionInfo(path);
            Assert.Equal($"{PackedRepository.Version}+{repository.Commit}", version.ProductVersion);
            Assert.Equal(PackedRepository.Version + ".0", version.FileVersion);
        }
    }

    [Fact]
    public void Every_package_names_its_repository_commit_licence_and_project_page()
    {
        foreach (var package in Packages)
        {
            var repositoryElement = package.Element("repository");
            Assert.True(repositoryElement is not null, $"{package.FileName}: no <repository>");
            Assert.Equal("git", repositoryElement.Attribute("type")?.Value);
            Assert.Equal(PackedRepository.RepositoryUrl, repositoryElement.Attribute("url")?.Value);
            Assert.Equal(repository.Commit, repositoryElement.Attribute("commit")?.Value);
            Assert.Equal("expression", package.Element("license")?.Attribute("type")?.Value);
            Assert.Equal("MIT", package.Value("license"));
            Assert.Equal(PackedRepository.RepositoryUrl, package.Value("projectUrl"));
            Assert.False(string.IsNullOrWhiteSpace(package.Value("description")), $"{package.FileName}: no description");
        }
    }

    [Fact]
    public void Every_package_has_a_readme_of_its_own_whose_links_work_on_a_package_page()
    {
        var readmes = new Dictionary<string, string>();
        foreach (var package in Packages)
        {
            var name = package.Value("readme");
            Assert.True(name is not null && package.Entries.ContainsKey(name), $"{package.FileName}: no README in the package");
            var text = System.Text.Encoding.UTF8.GetString(package.Entries[name]);
            Assert.True(text.StartsWith($"# {package.Id}\n", StringComparison.Ordinal), $"{package.FileName}: its README does not start with '# {package.Id}' (each package has a README of its own, next to its project file)");
            readmes.Add(package.Id, text);
            foreach (var link in Links(text))
            {
                Assert.True(link.StartsWith("https://", StringComparison.Ordinal), $"{package.FileName}: README link '{link}' is not absolute (https://…): it breaks on a package page");
                var inRepository = RepositoryFileLink().Match(link);
                if (inRepository.Success)
                {
                    var path = Path.Combine(repository.Copy, inRepository.Groups["path"].Value);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{package.FileName}: README link '{link}' names a file the repository does not have");
                }
            }
        }

        Assert.Equal(readmes.Count, readmes.Values.Distinct().Count());
    }

    [Fact]
    public void Every_library_ships_its_xml_documentation()
    {
        var libraries = Packages.SelectMany(p => p.OwnAssemblies.Where(a => a.StartsWith("lib/", StringComparison.Ordinal)).Select(a => (p, a))).ToArray();
        Assert.NotEmpty(libraries);
        foreach (var (package, assembly) in libraries)
        {
            var docs = Path.ChangeExtension(assembly, ".xml");
            Assert.True(package.Entries.ContainsKey(docs), $"{package.FileName}: {assembly} has no {docs}");
            Assert.Contains("<member name=\"T:", System.Text.Encoding.UTF8.GetString(package.Entries[docs]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_assembly_is_deterministic_with_symbols_whose_source_link_points_at_the_tagged_commit()
    {
        var sourceLink = $$$"""{"documents":{"/_/*":"https://raw.githubusercontent.com/foobar/provision/{{{repository.Commit}}}/*"}}""";
        foreach (var package in Packages.Where(p => p.OwnAssemblies.Any()))
        {
            var symbols = SymbolsOf(package) ?? throw new InvalidOperationException($"{package.FileName} has no .snupkg");
            foreach (var assembly in package.OwnAssemblies)
            {
                var pdbPath = Path.ChangeExtension(assembly, ".pdb");
                Assert.True(symbols.Entries.ContainsKey(pdbPath), $"{symbols.FileName}: no {pdbPath} for {assembly}");
                var expected = AssemblySymbols.Of(package.Entries[assembly]);
                var pdb = AssemblySymbols.ReadPdb(symbols.Entries[pdbPath]);
                Assert.True(expected.Reproducible, $"{package.FileName}: {assembly} is not marked as a deterministic build");
                Assert.Equal(expected.PdbId, pdb.Id);
                Assert.Equal(sourceLink, pdb.SourceLink);
                foreach (var (name, embedded) in pdb.Documents)
                {
                    Assert.True(name.StartsWith("/_/", StringComparison.Ordinal), $"{pdbPath}: '{name}' keeps a build machine's path");
                    Assert.True(embedded || File.Exists(Path.Combine(repository.Copy, name[3..])), $"{pdbPath}: '{name}' is neither in the commit nor embedded");
                }
            }
        }
    }

    [Fact]
    public async Task A_clone_without_tags_gets_the_fallback_version_and_with_them_builds_the_same_bytes_elsewhere()
    {
        var clock = Stopwatch.StartNew();
        var clone = Path.Combine(repository.Scratch, "clone");
        await PackedRepository.GitAsync(repository.Scratch, "clone", "-q", "--no-tags", repository.Copy, clone);
        await LocalProcess.RunInAsync(clone, TimeSpan.FromMinutes(5), "dotnet", "restore", "FooBar.Provision", "-nologo", "-v", "quiet");
        var untagged = await LocalProcess.RunInAsync(clone, TimeSpan.FromMinutes(2), "dotnet", "msbuild", "FooBar.Provision", "-nologo", "-t:MinVer", "-getProperty:MinVerVersion", "-p:Configuration=Release");
        Assert.Equal("0.2.0-alpha.0", untagged.Trim());

        await PackedRepository.GitAsync(clone, "fetch", "-q", "--tags");
        // One framework is enough to show the build reproduces (both are built the same way) and halves the time.
        await LocalProcess.RunInAsync(clone, TimeSpan.FromMinutes(10), "dotnet", "build", "FooBar.Provision", "-c", "Release", "-f", "net10.0", "--no-restore", "-nologo", "-v", "quiet", "-p:ContinuousIntegrationBuild=true");
        var packed = Packages.Single(p => p.Id == "FooBar.Provision").Entries["lib/net10.0/FooBar.Provision.dll"];
        var rebuilt = await File.ReadAllBytesAsync(Path.Combine(clone, "FooBar.Provision", "bin", "Release", "net10.0", "FooBar.Provision.dll"));
        Assert.True(packed.AsSpan().SequenceEqual(rebuilt), $"FooBar.Provision.dll (net10.0): a second build in {clone} differs from the packed one");

        output.WriteLine($"clone, fallback version and second build: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private PackageFile? SymbolsOf(PackageFile package) => repository.Packages.SingleOrDefault(p => p.IsSymbols && p.Id == package.Id);

    private static IEnumerable<string> Links(string markdown) =>
        MarkdownLink().Matches(markdown).Select(m => m.Groups["url"].Value)
            .Concat(HtmlLink().Matches(markdown).Select(m => m.Groups["url"].Value))
            .Concat(ReferenceLink().Matches(markdown).Select(m => m.Groups["url"].Value));

    [GeneratedRegex(@"\]\((?<url>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(a|img)\s[^>]*(href|src)=""(?<url>[^""]+)""")]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"^\s*\[[^\]]+\]:\s*(?<url>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"^https://github\.com/foobar/provision/(blob|tree)/main/(?<path>[^#?]+)")]
    private static partial Regex RepositoryFileLink();
}
