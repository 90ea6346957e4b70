using FooBar.Provision.Inventory;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventoryOverridesTests
{
    [Fact]
    public void ParseOverrides_splits_at_the_first_equals_sign_and_keeps_plain_strings()
    {
        var overrides = InventoryLoader.ParseOverrides(["app_port=8080", "greeting=a=b", "empty=", "list=[1, 2]"]);

        Assert.Equal("8080", overrides["app_port"]);
        Assert.Equal("a=b", overrides["greeting"]);
        Assert.Equal("", overrides["empty"]);
        Assert.Equal("[1, 2]", overrides["list"]);
    }

    [Fact]
    public void ParseOverrides_lets_a_later_repetition_win()
    {
        var overrides = InventoryLoader.ParseOverrides(["a=1", "a=2"]);

        Assert.Equal("2", Assert.Single(overrides).Value);
    }

    [Fact]
    public void ParseOverrides_reports_every_malformed_argument_on_the_command_line()
    {
        var exception = Assert.Throws<InventoryException>(() => InventoryLoader.ParseOverrides(["app_port", "=value", "ok=1"]));

        Assert.Collection(
            exception.Errors,
            e => Assert.Equal(("<command line>:0:0", "--var 'app_port' has no '=' (expected NAME=VALUE)"), (e.Location.ToString(), e.Message)),
            e => Assert.Equal(("<command line>:0:0", "--var number 2 has an empty name before '='"), (e.Location.ToString(), e.Message)));
        Assert.Equal("write --var app_port=VALUE, for example --var app_port=8080", exception.Errors[0].Hint);
    }

    [Fact]
    public void ParseOverrides_does_not_repeat_an_argument_that_may_hold_a_secret()
    {
        var exception = Assert.Throws<InventoryException>(() => InventoryLoader.ParseOverrides(["db_password:hunter2"]));

        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
    }
}
