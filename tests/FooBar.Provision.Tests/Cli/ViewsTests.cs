using FooBar.Provision.Cli;
using FooBar.Provision.Cli.Commands;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using Moq;

namespace FooBar.Provision.Tests.Cli;

public sealed class ViewsTests
{
    private static readonly RunSettings Settings = new("inventory.yaml");

    [Theory]
    [InlineData(true, null, false, true)]
    [InlineData(false, null, false, false)]
    [InlineData(true, "1", false, false)]
    [InlineData(true, "", false, true)]
    [InlineData(true, null, true, false)]
    public void Colour_and_live_progress_need_a_terminal_no_NO_COLOR_and_no_no_color(bool terminal, string? noColor, bool noColorOption, bool expected)
    {
        var services = Services(terminal, name => name == "NO_COLOR" ? noColor : null);

        Assert.Equal(expected, Views.UseColor(Settings with { NoColor = noColorOption }, services));
    }

    [Fact]
    public void A_terminal_gets_the_live_view_and_a_pipe_the_plain_view()
    {
        using var output = new StringWriter();

        Assert.IsType<LiveView>(Views.Create(Settings, Services(true, _ => null), output, ["www"], "plan"));
        Assert.IsType<PlainView>(Views.Create(Settings, Services(false, _ => null), output, ["www"], "plan"));
        Assert.IsType<PlainView>(Views.Create(Settings with { Verbosity = 1 }, Services(true, _ => null), output, ["www"], "plan"));
        Assert.IsType<JsonView>(Views.Create(Settings with { Output = OutputFormat.Json }, Services(true, _ => null), output, ["www"], "plan"));
    }

    private static CliServices Services(bool terminal, Func<string, string?> environment) =>
        new(() => Mock.Of<IConnectionFactory>(), environment, BuiltInRoles.Catalog, () => terminal);
}
