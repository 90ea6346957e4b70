using System.Text.Json;

namespace FooBar.Provision.EndToEndTests;

/// <summary>
/// A fresh lab host 24 converged with the gunicorn stack and a database password made of every awkward character.
/// The tests of the collection change it, and each leaves it converged again with this inventory.
/// </summary>
public sealed class GunicornRolesFixture
{
    public const int Host = 24;
    public const string Domain = "www.foobar.com";

    public GunicornRolesFixture()
    {
        RolesLab.Fresh(Host);
        PasswordFile = RolesLab.SecretFile(RolesLab.HardPassword);
        Source = RolesLab.CopyOfTheApp("python");
        Inventory = RolesLab.Inventory(Host, PasswordFile, $"  domain: {Domain}\n  app_source: {Source}");
        FirstApply = Provision.Json("apply", Inventory);
        SecondApply = Provision.Json("apply", Inventory);
    }

    public string PasswordFile { get; }

    public string Source { get; }

    public string Inventory { get; }

    public (int Exit, JsonElement Report, string Raw) FirstApply { get; }

    public (int Exit, JsonElement Report, string Raw) SecondApply { get; }

    /// <summary>Applies the fixture's inventory and checks the host is converged again (the next apply changes nothing).</summary>
    public void Converge()
    {
        var apply = Provision.Json("apply", Inventory);
        Assert.True(apply.Exit == 0, apply.Raw);
        var again = Provision.Json("apply", Inventory);
        Assert.True(again.Exit == 0 && RolesLab.Changed(again.Report) == 0, again.Raw);
    }
}

[CollectionDefinition(Name)]
public sealed class GunicornRolesCollection : ICollectionFixture<GunicornRolesFixture>
{
    public const string Name = "gunicorn stack with a hard password on lab24";
}
