namespace FooBar.Provision.Tests.Catalogue.Loader;

/// <summary>One bad inventory of the catalogue: its kind, the YAML, and the message (a part of it) that it must produce.</summary>
/// <param name="Kind">The kind of problem (yaml, limits, address, name, user, path, secret-env, secret-file, setting).</param>
/// <param name="Name">A unique name, shown by the test runner.</param>
/// <param name="Yaml">The inventory; relative secret files are under the catalogue's fixture directory.</param>
/// <param name="Expected">Text the error must contain (escaped as printed).</param>
public sealed record LoaderCase(string Kind, string Name, string Yaml, string Expected)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
