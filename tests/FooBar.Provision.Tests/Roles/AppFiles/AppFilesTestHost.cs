using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.AppFiles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Roles.AppFiles;

/// <summary>A temporary checkout (<c>inventory/</c>, <c>app/python</c>, <c>app/php</c>) to build the app-files role against.</summary>
internal sealed class AppFilesTestHost : IDisposable
{
    public const string Password = "S3cret-db.Passw0rd";

    public AppFilesTestHost()
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

    public RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, IReadOnlyList<string>? roles = null)
    {
        var role = new AppFilesRole();
        var host = new HostEntry("web", "192.0.2.10") { Roles = roles ?? ["app-files"] };
        var merged = RoleVariables.For(role, host, new Dictionary<string, object?> { ["db_password"] = new SecretValue("test", Password) }, variables);
        var builder = new RoleBuilder();
        role.Build(new RoleContext(host, HostFacts.Debian12, merged, Inventory), builder);
        return builder;
    }

    /// <summary>Applies <paramref name="change"/> against a strict mock that answers every command with <paramref name="output"/>.</summary>
    public static async Task<List<RemoteCommand>> ApplyAsync(ResourceChange change, string output = "")
    {
        var sent = new List<RemoteCommand>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => sent.Add(command))
            .ReturnsAsync(new CommandResult(0, output, ""));
        connection.Setup(c => c.WriteFileAsync(It.IsAny<RemoteFile>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await change.Apply(connection.Object, CancellationToken.None);
        return sent;
    }

    public static string Text(FileResource file) => Encoding.UTF8.GetString([.. file.Content]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
