using System.Text;
using FooBar.Provision.Facts;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.Mysql;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Tests.Roles.Mysql;

/// <summary>The mysql role on the test kit, and its resources' changes applied to a fake host.</summary>
internal static class MysqlFixture
{
    public const string Password = "S3cret-db.Passw0rd";

    public static SecretValue Secret(string value = Password) => new("test", value);

    /// <summary>Builds the role; <c>mysql_schema_file</c> is "" unless given.</summary>
    public static RoleBuilder Build(IReadOnlyDictionary<string, object?>? variables = null, string? inventoryDirectory = null, HostFacts? facts = null) =>
        new RoleHarness(new FakeHost("db"), new MysqlRole())
            .WithVariable("db_password", Secret())
            .WithVariable("mysql_schema_file", "")
            .WithVariables(variables ?? new Dictionary<string, object?>())
            .WithFacts(facts ?? HostFacts.Debian12)
            .WithInventoryDirectory(inventoryDirectory ?? Path.GetTempPath())
            .Build();

    public static ProbeResult Probe(string output) => new(0, output);

    public static PlanContext Plan => new(HostFacts.Debian12);

    /// <summary>Applies <paramref name="change"/> to a fake host and returns the commands it sent (and, into <paramref name="files"/>, the files it wrote).</summary>
    public static async Task<List<RemoteCommand>> ApplyAsync(ResourceChange change, List<RemoteFile>? files = null)
    {
        var host = new FakeHost("db");
        await change.Apply(host, CancellationToken.None);
        files?.AddRange(host.Sent.Select(s => s.File).OfType<RemoteFile>());
        return host.Sent.Select(s => s.Command).OfType<RemoteCommand>().ToList();
    }

    public static string Stdin(this RemoteCommand command) =>
        command.StandardInput is { } input ? Encoding.UTF8.GetString(input.Span) : "";

    /// <summary>The mysql_native_password hash of <paramref name="storedHash"/> as the probe reports it (sha256 of the stored hash).</summary>
    public static string ProbedDigest(string storedHash) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(storedHash))).ToLowerInvariant();
}
