using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Roles;

namespace FooBar.Provision.Tests.Templates;

/// <summary>
/// The port from Handlebars to Scriban changed no byte: every built-in template, rendered by the roles over
/// <see cref="PortScenarios"/>, gives exactly the bytes in golden/, which the Handlebars originals wrote while both
/// engines were in the repository (the commit that ported the templates compared the two engines render by render).
/// </summary>
/// <remarks>
/// golden/index.txt names, for each scenario and template, the file holding its output (named after its SHA-256). After
/// an intended change to a built-in template, FOOBAR_UPDATE_GOLDEN=1 writes them again: review that diff, it is the
/// change every host will see.
/// </remarks>
public sealed class TemplatePortProofTests
{
    private static string Golden => Path.Combine(Repository.Root(), "tests", "FooBar.Provision.Tests", "Templates", "golden");

    [Fact]
    public void Every_built_in_template_renders_the_bytes_Handlebars_rendered_over_every_scenario()
    {
        var renders = PortScenarios.RenderAll();
        var index = renders.Select(r => $"{r.Scenario} {r.Source.Role}/{r.Source.Name} {Digest(r.Text)}").ToArray();
        if (Environment.GetEnvironmentVariable("FOOBAR_UPDATE_GOLDEN") == "1")
        {
            Write(renders, index);
        }

        var expected = File.ReadAllText(Path.Combine(Golden, "index.txt")).TrimEnd('\n').Split('\n');
        Assert.Equal(expected.Length, index.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != index[i])
            {
                var parts = expected[i].Split(' ');
                var golden = File.ReadAllText(Path.Combine(Golden, parts[1], parts[2]));
                Assert.Fail($"{parts[0]}: {parts[1]} differs from its golden file\n{FirstDifference(golden, renders[i].Text)}");
            }
        }

        foreach (var render in renders)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Golden, render.Source.Role, render.Source.Name, Digest(render.Text)));
            Assert.True(bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(render.Text)), $"{render.Scenario}: {render.Source.Origin}: its golden file was edited by hand");
        }
    }

    [Fact]
    public void The_scenarios_render_every_template_of_the_ported_roles()
    {
        var renders = PortScenarios.RenderAll();
        var everyTemplate = BuiltInRoles.All().OfType<RoleBase>().Where(r => PortScenarios.Roles.Contains(r.Name)).SelectMany(r => r.TemplateNames().Select(n => $"{r.Name}/{n}")).Order(StringComparer.Ordinal);

        Assert.Equal(everyTemplate, renders.Select(r => $"{r.Source.Role}/{r.Source.Name}").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(PortScenarios.Count, renders.Select(r => r.Scenario).Distinct().Count());
    }

    private static void Write(IReadOnlyList<PortScenarios.Render> renders, string[] index)
    {
        if (Directory.Exists(Golden))
        {
            Directory.Delete(Golden, recursive: true);
        }

        foreach (var render in renders)
        {
            var path = Path.Combine(Golden, render.Source.Role, render.Source.Name, Digest(render.Text));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(render.Text));
        }

        File.WriteAllText(Path.Combine(Golden, "index.txt"), string.Join('\n', index) + "\n");
        File.WriteAllText(Path.Combine(Golden, ".gitattributes"), "* -text\n");
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  golden: {left}\n  now:    {right}";
            }
        }

        return "(same lines, different line ends?)";
    }
}
