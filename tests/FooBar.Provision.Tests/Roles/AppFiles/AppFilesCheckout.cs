using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.AppFiles;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Roles.AppFiles;

/// <summary>A temporary checkout (<c>inventory/</c>, <c>app/python</c>, <c>app/php</c>) to build the app-files role against, on the test kit.</summary>
internal sealed class AppFilesCheckout : IDisposable
{
    public const string Password = "S3cret-db.Passw0rd";

    public AppFilesCheckout()
    {
        Root = Directory.CreateTempSubdirectory("foobar-app-files-tests-").FullName;
        Inventory = Directory.CreateDirectory(Path.Combine(Root, "inventory")).FullName;
        Write("app/python/foobar_app.py", "def application(environ, start_response): pass\n");
        Write("app/python/static/style.css", "body { color: black; }\n");
        Write("app/python/test_foobar_app.py", "import unittest\n");
        Write("app/python/__pycache__/foobar_app.cpython-311.pyc", "\0\0");
        Write("app/php/index.php", "<?php echo 'hello';\n");
    }

    public string Root { get; }

    public string Inventory { get; }

    public static PlanContext Plan => new(HostFacts.Debian12);

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Root);
        File.WriteAllText(path, content);
        return path;
    }

    public RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, IReadOnlyList<string>? roles = null) =>
        new RoleHarness(new FakeHost("web"), new AppFilesRole())
            .WithSecret("db_password", Password)
            .WithVariables(variables ?? new Dictionary<string, object?>())
            .WithHostRoles([.. roles ?? ["app-files"]])
            .WithInventoryDirectory(Inventory)
            .Build();

    /// <summary>Applies <paramref name="change"/> to a fake host and returns the commands it sent.</summary>
    public static async Task<List<RemoteCommand>> ApplyAsync(ResourceChange change)
    {
        var host = new FakeHost("web");
        await change.Apply(host, CancellationToken.None);
        return host.Sent.Select(s => s.Command).OfType<RemoteCommand>().ToList();
    }

    public static string Text(FileResource file) => Encoding.UTF8.GetString([.. file.Content]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
