using System.Reflection;
using System.Text;
using FooBar.Provision.Planning;
using FooBar.Provision.Roles;
using FooBar.Provision.Testing;

namespace FooBar.Provision.Tests.PublicApi;

/// <summary>
/// The public surface of the packable libraries, as text checked into the repository: every API change shows up in
/// review as a change of the approved file. To accept one, run with FOOBAR_ACCEPT_API=1 and commit the new file.
/// </summary>
public sealed class PublicApiTests
{
    /// <summary>One type of each packable library, and the file its approved surface is kept in.</summary>
    public static TheoryData<Type, string> Libraries => new()
    {
        { typeof(ProvisionEngine), "FooBar.Provision.approved.txt" },
        { typeof(BuiltInRoles), "FooBar.Provision.Roles.approved.txt" },
        { typeof(FooBar.Provision.Cli.ProvisionApplication), "FooBar.Provision.Cli.approved.txt" },
        { typeof(RoleHarness), "FooBar.Provision.Testing.approved.txt" },
    };

    [Fact]
    public void Every_packable_library_has_its_public_api_approved()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(SourceDirectory()))) ?? throw new InvalidOperationException("no repository root");
        var libraries = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .Select(p => (Name: Path.GetFileNameWithoutExtension(p), Text: File.ReadAllText(p)))
            .Where(p => p.Text.Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal)
                && !p.Text.Contains("<PackAsTool>true</PackAsTool>", StringComparison.Ordinal)
                && !p.Text.Contains("<IncludeBuildOutput>false</IncludeBuildOutput>", StringComparison.Ordinal))
            .Select(p => p.Name);
        var covered = Libraries.Select(row => (string)row[1]).ToHashSet();

        Assert.All(libraries, name => Assert.True(covered.Contains(name + ".approved.txt"), $"{name} is a packable library without an approved public API: add a row to {nameof(Libraries)} and run the tests once with FOOBAR_ACCEPT_API=1"));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_public_api_is_the_approved_one(Type anchor, string approvedFile)
    {
        var actual = Describe(anchor.Assembly);
        var path = Path.Combine(SourceDirectory(), approvedFile);
        if (Environment.GetEnvironmentVariable("FOOBAR_ACCEPT_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with FOOBAR_ACCEPT_API=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Select(m => "  " + m.ToString())
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : type.IsAbstract ? "abstract class" : "class";

    private static string SourceDirectory() => Path.Combine(Repository.Root(), "tests", "FooBar.Provision.Tests", "PublicApi");
}
