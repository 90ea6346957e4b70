using FooBar.Provision.Inventory;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Commands;

/// <summary>A validated inventory, the hosts selected by --limit and --slice, and a masker for every secret it holds.</summary>
internal sealed record LoadedInventory(InventoryModel Model, IReadOnlyList<HostEntry> Hosts)
{
    /// <summary>The --slice, or null when every host selected by --limit runs.</summary>
    public HostSlice? Slice { get; init; }

    /// <summary>The whole inventory, whatever --limit and --slice selected, as the roles see it.</summary>
    public InventoryView View { get; } = InventoryView.From(Model);

    /// <summary>How many hosts --limit selected, before --slice.</summary>
    public int LimitedCount { get; init; }

    /// <summary>Masks every secret of the whole inventory (variables, nested ones included, become passwords and key passphrases).</summary>
    public SecretMasker Masker { get; } = new(Model.Hosts.SelectMany(host =>
        host.Variables.SecretValues()
            .Concat(host.BecomePassword is { } password ? [password.Reveal()] : [])
            .Concat(host.IdentityPassphrase is { } passphrase ? [passphrase.Reveal()] : [])));
}
