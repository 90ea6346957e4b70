using System.Text.Json;
using FooBar.Provision.Tests.Inventory;

namespace FooBar.Provision.Tests.Cli;

public sealed class CliJsonOutputTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MockHosts _hosts = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Json_output_is_one_document_with_every_documented_field()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "plan", inventory, "--output", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("plan", root.GetProperty("mode").GetString());
        Assert.Equal(2, root.GetProperty("exitCode").GetInt32());
        var host = root.GetProperty("hosts")[0];
        Assert.Equal("www", host.GetProperty("host").GetString());
        Assert.Equal("pending", host.GetProperty("status").GetString());
        Assert.Equal("debian", host.GetProperty("facts").GetProperty("osId").GetString());
        Assert.Equal(2, host.GetProperty("roundTrips").GetInt32());
        Assert.Equal(JsonValueKind.Number, host.GetProperty("durationSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, host.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Array, host.GetProperty("handlers").ValueKind);
        var file = host.GetProperty("resources")[0];
        Assert.Equal("file[/etc/motd]", file.GetProperty("id").GetString());
        Assert.Equal("base", file.GetProperty("role").GetString());
        Assert.Equal("pending", file.GetProperty("status").GetString());
        Assert.StartsWith("create /etc/motd", file.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("+www (debian 12, x86_64)", file.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, file.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("error").ValueKind);
        var totals = root.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("hosts").GetInt32());
        Assert.Equal(4, totals.GetProperty("pending").GetInt32());
        Assert.Equal(4, totals.GetProperty("roundTrips").GetInt32());
    }

    [Fact]
    public async Task Json_output_has_nothing_but_the_document_on_stdout_even_with_verbose()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "apply", inventory, "--dry-run", "-o", "json", "-v");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("hosts").GetArrayLength());
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task Facts_as_json_has_the_facts_of_each_host_from_one_round_trip()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "facts", inventory, "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("facts", json.RootElement.GetProperty("mode").GetString());
        var host = json.RootElement.GetProperty("hosts")[1];
        Assert.Equal("www2", host.GetProperty("facts").GetProperty("hostname").GetString());
        Assert.Equal(1, host.GetProperty("roundTrips").GetInt32());
    }

    [Fact]
    public async Task Facts_as_text_prints_one_line_per_host()
    {
        var inventory = CliInventories.Write(_directory, CliInventories.TwoWebHosts);

        var result = await CliHarness.RunAsync(_hosts, "facts", inventory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("www2  os=debian 12  arch=x86_64  init=systemd  pkg=apt  hostname=www2  round_trips=1", result.Stdout, StringComparison.Ordinal);
        Assert.All(_hosts.Commands, c => Assert.True(c.Command.IsReadOnly));
    }
}
