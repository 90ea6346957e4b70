using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;
using Moq;

namespace FooBar.Provision.Tests.Roles.Mysql;

/// <summary>Builds the mysql role the way the engine does, and runs changes against a recording mock host.</summary>
internal static class MysqlTestHost
{
    public const string Password = "S3cret-db.Passw0rd";

    public static SecretValue Secret(string value = Password) => new("test", value);

    /// <summary>Builds the role; <c>mysql_schema_file</c> is "" unless given, and the inventory directory is <paramref name="inventoryDirectory"/>.</summary>
    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, string? inventoryDirectory = null, HostFacts? facts = null)
    {
        var role = new MysqlRole();
        var host = new HostEntry("db", "192.0.2.20") { Roles = ["mysql"] };
        var merged = RoleVariables.For(role, host, new Dictionary<string, object?> { ["db_password"] = Secret(), ["mysql_schema_file"] = "" }, variables);
        var builder = new RoleBuilder();
        role.Build(new RoleContext(host, facts ?? HostFacts.Debian12, merged, inventoryDirectory ?? Path.GetTempPath()), builder);
        return builder;
    }

    public static IReadOnlyList<string> Ids(this RoleBuilder builder) => builder.Resources.Select(r => r.Id).ToArray();

    public static ProbeResult Probe(string output) => new(0, output);

    public static PlanContext Plan => new(HostFacts.Debian12);

    /// <summary>Applies <paramref name="change"/> against a strict mock and returns what it sent (commands and written files).</summary>
    public static async Task<List<RemoteCommand>> ApplyAsync(ResourceChange change, List<RemoteFile>? files = null)
    {
        var sent = new List<RemoteCommand>();
        var connection = new Mock<IHostConnection>(MockBehavior.Strict);
        connection.Setup(c => c.RunAsync(It.IsAny<RemoteCommand>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteCommand, CancellationToken>((command, _) => sent.Add(command))
            .ReturnsAsync(new CommandResult(0, "", ""));
        connection.Setup(c => c.WriteFileAsync(It.IsAny<RemoteFile>(), It.IsAny<CancellationToken>()))
            .Callback<RemoteFile, CancellationToken>((file, _) => files?.Add(file))
            .Returns(Task.CompletedTask);
        await change.Apply(connection.Object, CancellationToken.None);
        return sent;
    }

    public static string Stdin(this RemoteCommand command) =>
        command.StandardInput is { } input ? Encoding.UTF8.GetString(input.Span) : "";

    /// <summary>The mysql_native_password hash of <paramref name="password"/> as the probe reports it (sha256 of the stored hash).</summary>
    public static string ProbedDigest(string storedHash) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(storedHash))).ToLowerInvariant();
}
