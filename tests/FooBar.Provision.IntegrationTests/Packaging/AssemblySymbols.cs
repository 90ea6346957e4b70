using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace FooBar.Provision.IntegrationTests.Packaging;

/// <summary>What an assembly says about its symbols, and what its portable PDB holds.</summary>
/// <param name="PdbId">The PDB id the assembly names in its CodeView debug entry.</param>
/// <param name="Reproducible">True when the assembly has the Reproducible debug entry (a deterministic build).</param>
public sealed record AssemblySymbols(Guid PdbId, bool Reproducible)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>Reads the debug directory of <paramref name="assembly"/>.</summary>
    public static AssemblySymbols Of(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var entries = pe.ReadDebugDirectory();
        var codeView = entries.Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        return new AssemblySymbols(pe.ReadCodeViewDebugDirectoryData(codeView).Guid, entries.Any(e => e.Type == DebugDirectoryEntryType.Reproducible));
    }

    /// <summary>The PDB's id, its source link JSON (or null) and its documents, each with whether its text is embedded.</summary>
    public static (Guid Id, string? SourceLink, IReadOnlyList<(string Name, bool Embedded)> Documents) ReadPdb(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        var header = reader.DebugMetadataHeader ?? throw new InvalidDataException("not a portable PDB");
        var id = new Guid(header.Id.AsSpan(0, 16));
        string? sourceLink = null;
        var embedded = new HashSet<DocumentHandle>();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            var kind = reader.GetGuid(information.Kind);
            if (kind == SourceLinkKind)
            {
                sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
            else if (kind == EmbeddedSourceKind && information.Parent.Kind == HandleKind.Document)
            {
                embedded.Add((DocumentHandle)information.Parent);
            }
        }

        var documents = reader.Documents.Select(d => (reader.GetString(reader.GetDocument(d).Name), embedded.Contains(d))).ToArray();
        return (id, sourceLink, documents);
    }
}
