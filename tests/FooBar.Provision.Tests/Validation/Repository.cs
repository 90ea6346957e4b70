namespace FooBar.Provision.Tests.Validation;

/// <summary>Where the repository's files are, from the test's output directory.</summary>
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
