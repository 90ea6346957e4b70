namespace FooBar.Provision.Planning;

/// <summary>A file written under a validating handler's guard, with where its previous version waits.</summary>
internal sealed record GuardedFile(string Handler, string Path, string BackupPath, bool Existed)
{
    public static string BackupPathFor(string path)
    {
        // Same directory (same filesystem, so the restore is a rename), hidden and without the original suffix,
        // so include globs such as conf.d/*.conf or sites-enabled/* never pick the backup up.
        var directory = System.IO.Path.GetDirectoryName(path) ?? "/";
        return System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(path) + ".provision-prev");
    }
}
