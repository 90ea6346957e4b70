using System.IO.Compression;
using System.Xml.Linq;

namespace FooBar.Provision.IntegrationTests.Packaging;

/// <summary>A .nupkg or .snupkg read into memory: its manifest and its files.</summary>
public sealed class PackageFile
{
    private PackageFile(string path, XElement metadata, IReadOnlyDictionary<string, byte[]> entries)
    {
        FileName = Path.GetFileName(path);
        Metadata = metadata;
        Entries = entries;
    }

    /// <summary>The file's name, such as <c>FooBar.Provision.9.8.7.nupkg</c>.</summary>
    public string FileName { get; }

    /// <summary>True for a symbols package.</summary>
    public bool IsSymbols => FileName.EndsWith(".snupkg", StringComparison.Ordinal);

    /// <summary>The nuspec's metadata element.</summary>
    public XElement Metadata { get; }

    /// <summary>Every file of the package by its path inside it.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; }

    /// <summary>The package id.</summary>
    public string Id => Value("id") ?? string.Empty;

    /// <summary>The package version.</summary>
    public string Version => Value("version") ?? string.Empty;

    /// <summary>The assemblies the package ships (lib/ and tools/), without the dependencies a tool carries along.</summary>
    public IEnumerable<string> OwnAssemblies => Entries.Keys.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)
        && (Path.GetFileName(e).StartsWith("FooBar.Provision", StringComparison.Ordinal) || Path.GetFileName(e) == "provision.dll"));

    /// <summary>The text of a metadata element, or null.</summary>
    public string? Value(string name) => Element(name)?.Value;

    /// <summary>A metadata element, or null.</summary>
    public XElement? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static PackageFile Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries[entry.FullName] = buffer.ToArray();
        }

        var nuspec = entries.Single(e => !e.Key.Contains('/', StringComparison.Ordinal) && e.Key.EndsWith(".nuspec", StringComparison.Ordinal));
        var metadata = (XDocument.Load(new MemoryStream(nuspec.Value)).Root ?? throw new InvalidDataException($"{path}: empty nuspec")).Elements().First(e => e.Name.LocalName == "metadata");
        return new PackageFile(path, metadata, entries);
    }
}
