using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>What an ssh_config says for one host: the first value obtained for each keyword (every one for IdentityFile), and the problems found.</summary>
internal sealed class SshConfigMatch
{
    private readonly Dictionary<string, List<SshConfigLine>> _values = new(StringComparer.Ordinal);

    /// <summary>Lines ssh would refuse, and Match blocks that were reached.</summary>
    public List<InventoryError> Problems { get; } = [];

    /// <summary>Each keyword that applies, in the order first seen.</summary>
    public IEnumerable<SshConfigLine> FirstLines => _values.Values.Select(v => v[0]).OrderBy(l => l.Location.File, StringComparer.Ordinal).ThenBy(l => l.Location.Line);

    /// <summary>The line that gives <paramref name="keyword"/> its value (the first obtained), or null.</summary>
    public SshConfigLine? First(string keyword) => _values.TryGetValue(keyword, out var lines) ? lines[0] : null;

    /// <summary>Every line of <paramref name="keyword"/> that applies, in order (IdentityFile accumulates).</summary>
    public IReadOnlyList<SshConfigLine> All(string keyword) => _values.TryGetValue(keyword, out var lines) ? lines : [];

    /// <summary>Records a line of an applicable block: the first value wins, except IdentityFile's, which add up.</summary>
    public void Add(SshConfigLine line)
    {
        if (!_values.TryGetValue(line.Keyword, out var lines))
        {
            _values[line.Keyword] = [line];
        }
        else if (line.Keyword == "identityfile")
        {
            lines.Add(line);
        }
    }
}
