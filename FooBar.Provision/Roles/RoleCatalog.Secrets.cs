using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles;

/// <summary>Values that are masked like secrets although they were written in clear.</summary>
public sealed partial class RoleCatalog
{
    /// <summary>
    /// The plain (not <c>{ env }</c>/<c>{ file }</c>) values of <paramref name="host"/>'s variables that one of its roles
    /// declares <see cref="SecretUse.Preferred"/>: a password given with <c>--var</c> or in clear in the inventory is
    /// masked in every diff and report of the host, as a secret is.
    /// </summary>
    internal IEnumerable<string> PlainSecrets(HostEntry host) =>
        host.Roles.Where(_roles.ContainsKey).SelectMany(name => _roles[name].VariableDeclarations)
            .Where(declaration => declaration.Secret == SecretUse.Preferred)
            .Select(declaration => host.Variables.TryGetValue(declaration.Name, out var value) ? value as string : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
}
