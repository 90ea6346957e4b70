using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Roles;
using FooBar.Provision.Tests.Validation;
using HandlebarsDotNet;

namespace FooBar.Provision.Tests.Templates;

/// <summary>
/// The port from Handlebars to Scriban changed no byte: every built-in template, rendered by the roles over
/// <see cref="PortScenarios"/>, gives exactly what the Handlebars original gave. The Handlebars outputs are kept as golden
/// files (golden/), so the proof outlives the old engine: set FOOBAR_UPDATE_GOLDEN=1 to write them again.
/// </summary>
public sealed class TemplatePortProofTests
{
    private static readonly IHandlebars Handlebars = HandlebarsDotNet.Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = true });

    private static string Folder => Path.Combine(Repository.Root(), "tests", "FooBar.Provision.Tests", "Templates");

    [Fact]
    public void Scriban_renders_every_built_in_template_byte_for_byte_as_Handlebars_did()
    {
        var renders = PortScenarios.RenderAll();
        var roles = BuiltInRoles.All().OfType<RoleBase>().ToDictionary(r => r.Name, r => r.Folder, StringComparer.Ordinal);
        var compiled = new Dictionary<string, HandlebarsTemplate<object, object>>(StringComparer.Ordinal);
        foreach (var render in renders)
        {
            var original = Path.Combine(Folder, "Handlebars", roles[render.Source.Role], Path.ChangeExtension(render.Source.Name, ".hbs"));
            if (!compiled.TryGetValue(original, out var template))
            {
                compiled[original] = template = Handlebars.Compile(File.ReadAllText(original));
            }

            var expected = template(render.Model);
            Assert.True(expected == render.Text, $"{render.Scenario}: {render.Source.Origin} differs from the Handlebars original\n{FirstDifference(expected, render.Text)}");
        }

        var everyTemplate = BuiltInRoles.All().OfType<RoleBase>().SelectMany(r => r.TemplateNames().Select(n => $"{r.Name}/{n}")).Order(StringComparer.Ordinal);
        Assert.Equal(everyTemplate, renders.Select(r => $"{r.Source.Role}/{r.Source.Name}").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(PortScenarios.Count, renders.Select(r => r.Scenario).Distinct().Count());
    }

    [Fact]
    public void The_golden_files_hold_every_render()
    {
        var renders = PortScenarios.RenderAll();
        var golden = Path.Combine(Folder, "golden");
        var index = renders.Select(r => $"{r.Scenario} {r.Source.Role}/{r.Source.Name} {Digest(r.Text)}").ToArray();
        if (Environment.GetEnvironmentVariable("FOOBAR_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(golden))
            {
                Directory.Delete(golden, recursive: true);
            }

            foreach (var render in renders)
            {
                var path = Path.Combine(golden, render.Source.Role, render.Source.Name, Digest(render.Text));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(render.Text));
            }

            File.WriteAllText(Path.Combine(golden, "index.txt"), string.Join('\n', index) + "\n");
            File.WriteAllText(Path.Combine(golden, ".gitattributes"), "* -text\n");
        }

        Assert.Equal(File.ReadAllText(Path.Combine(golden, "index.txt")).TrimEnd('\n').Split('\n'), index);
        foreach (var render in renders)
        {
            var bytes = File.ReadAllBytes(Path.Combine(golden, render.Source.Role, render.Source.Name, Digest(render.Text)));
            Assert.True(bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(render.Text)), $"{render.Scenario}: {render.Source.Origin} differs from its golden file");
        }
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
                return $"line {i + 1}:\n  handlebars: {left}\n  scriban:    {right}";
            }
        }

        return "(same lines, different line ends?)";
    }
}
