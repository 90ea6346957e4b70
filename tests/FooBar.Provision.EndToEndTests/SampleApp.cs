namespace FooBar.Provision.EndToEndTests;

/// <summary>The repository's sample apps (app/python, app/php), copied for tests that change them: each change is a new release.</summary>
internal static class SampleApp
{
    /// <summary>A copy of app/<paramref name="kind"/> without bytecode, in a new temporary directory.</summary>
    public static string Copy(string kind = "python")
    {
        var target = Directory.CreateTempSubdirectory("fbp-release-").FullName;
        var source = Path.Combine(Lab.RepositoryRoot, "app", kind);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__", StringComparison.Ordinal)))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination) ?? target);
            File.Copy(file, destination);
        }

        return target;
    }
}
