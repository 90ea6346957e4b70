using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A new user's path, for real: every package packed to a local folder (eng/pack.sh), the template installed from it
/// into a private template hive (and DOTNET_CLI_HOME), <c>dotnet new provision</c>, the project restored against the local folder and the usual
/// feed (into a private package folder), its tests run, and its program applied to lab host 23 twice. It runs alone
/// (its pack takes both cores for minutes, which would skew the timing of the tests around it).
/// </summary>
[Collection(TemplateToLabCollection.Name)]
public sealed class TemplateToLabTests(ITestOutputHelper output) : IDisposable
{
    private const int Host = 23;
    private readonly string _work = Directory.CreateTempSubdirectory("fbp-template-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_project_made_from_the_template_passes_its_tests_and_converges_a_lab_host_then_changes_nothing()
    {
        var packages = Path.Combine(_work, "packages");
        var hive = Path.Combine(_work, "template-hive");
        var project = Path.Combine(_work, "MyInfra");
        // A version of its own, so no package of that version can already sit in a package cache; the build goes to this
        // test's folder (--artifacts-path), so the running tests' own binaries are not rebuilt under them.
        var version = "0.0.0-template." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Step(Lab.RepositoryRoot, TimeSpan.FromMinutes(20), null, "bash", "eng/pack.sh", packages, "--artifacts-path", Path.Combine(_work, "artifacts"), $"-p:MinVerVersionOverride={version}");
        var template = Path.Combine(packages, $"FooBar.Provision.Templates.{version}.nupkg");
        var home = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(_work, "dotnet-home") }; // dotnet new's settings
        Step(_work, TimeSpan.FromMinutes(2), home, "dotnet", "new", "install", template, "--debug:custom-hive", hive);
        Step(_work, TimeSpan.FromMinutes(2), home, "dotnet", "new", "provision", "-n", "MyInfra", "-o", project, "--debug:custom-hive", hive);
        File.WriteAllText(Path.Combine(project, "NuGet.config"), NuGetConfig(packages));
        Assert.Contains($"Include=\"FooBar.Provision.Cli\" Version=\"{version}\"", File.ReadAllText(Path.Combine(project, "src", "MyInfra", "MyInfra.csproj")), StringComparison.Ordinal);

        var tests = Step(project, TimeSpan.FromMinutes(10), null, "dotnet", "test", "tests/MyInfra.Tests", "-c", "Release", "--nologo");
        Assert.Contains("Passed!", tests, StringComparison.Ordinal);

        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", Host.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        var inventory = Path.Combine(project, "inventory", $"lab{Host}.yaml");
        File.WriteAllText(inventory, File.ReadAllText(Path.Combine(project, "inventory", "lab.yaml"))
            .Replace("10.99.1.2", Lab.Address(Host), StringComparison.Ordinal).Replace("lab1:", $"lab{Host}:", StringComparison.Ordinal));
        var program = Path.Combine(project, "src", "MyInfra", "bin", "Release", "net10.0", "MyInfra.dll");

        var first = Apply(project, program, inventory);
        var second = Apply(project, program, inventory);

        Assert.Equal(["file[/etc/issue.net]", "file[/etc/ssh/sshd_config.d/login-banner.conf]"], Provision.Ids(first, "changed").Order());
        Assert.Equal("changed", Assert.Single(Provision.Handlers(first)).GetProperty("status").GetString());
        Assert.Empty(Provision.Resources(second, "changed"));
        Assert.Empty(Provision.Handlers(second));
        Assert.StartsWith("Authorized access only.\nThis lab host is managed by MyInfra.\n", Lab.Ssh(Host, "cat /etc/issue.net"), StringComparison.Ordinal);
    }

    private JsonElement Apply(string project, string program, string inventory)
    {
        var (exit, stdout, stderr) = Lab.Run("dotnet", [program, "apply", inventory, "--output", "json"], TimeSpan.FromMinutes(5), check: false, project);
        output.WriteLine($"apply: exit {exit}\n{stderr}");
        Assert.True(exit == 0, $"apply exited {exit}:\n{stdout}\n{stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    // The local folder first, then the sources the machine already has; packages restored into a folder of this test,
    // reading the machine's own package folder as a fallback, so the machine's caches are left as they were.
    private string NuGetConfig(string packages)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work, "nuget-packages")}" />
              </config>
              <packageSources>
                <add key="foobar-local" value="{packages}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    // A program in `directory` that must succeed (the user's own NuGet and dotnet settings, unless `environment` says otherwise).
    private string Step(string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, string file, params string[] arguments)
    {
        var (exit, stdout, stderr) = Lab.Run(file, arguments, timeout, check: false, directory, environment);
        output.WriteLine($"{file} {string.Join(' ', arguments)}: exit {exit}");
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)} exited {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TemplateToLabCollection
{
    public const string Name = "the template to the lab, alone";
}
