namespace FooBar.Provision.TestSupport;

/// <summary>Where the repository's files are, from the test's output directory.</summary>
/// <remarks>One source, compiled into each test project (a linked file in its .csproj, with a global using).</remarks>
internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FooBar.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FooBar.sln not found above " + AppContext.BaseDirectory);
    }
}
