using System.Globalization;

namespace FooBar.Provision.Inventory;

/// <summary>
/// Slice <see cref="Index"/> of <see cref="Count"/> (<c>--slice K/N</c>): a stable share of the selected hosts, so that N
/// jobs (a Kubernetes Indexed Job, a CI matrix) each converge theirs and together converge every host exactly once.
/// </summary>
/// <remarks>
/// Slices are numbered from 1, as CI matrices number their jobs (a Kubernetes Indexed Job's 0-based
/// <c>JOB_COMPLETION_INDEX</c> is passed as <c>$((JOB_COMPLETION_INDEX + 1))/N</c>). The hosts are sorted by name
/// (ordinal, so the same on every machine and whatever their order in the file), and the host at position p (from 0)
/// goes to slice <c>p mod N + 1</c>: slice sizes differ by at most one. Adding or removing a host moves the hosts that
/// sort after it to other slices; every host still belongs to exactly one slice.
/// </remarks>
public sealed record HostSlice
{
    /// <summary>Slice <paramref name="index"/> (from 1) of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1, or <paramref name="index"/> is not within 1..<paramref name="count"/>.</exception>
    public HostSlice(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>Which slice, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>How many slices the hosts are cut into.</summary>
    public int Count { get; }

    /// <summary>Reads <c>K/N</c> as given to <c>--slice</c>.</summary>
    /// <exception cref="InventoryException">The text is not <c>K/N</c> with whole numbers, N is below 1, or K is not within 1..N.</exception>
    public static HostSlice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !Number(parts[0], out var index) || !Number(parts[1], out var count))
        {
            throw Problem($"--slice '{Printable.Clip(text, 40)}' is not K/N", "write the slice as K/N with whole numbers, for example --slice 2/5 (the second of five)");
        }

        if (count < 1)
        {
            throw Problem($"--slice {text.Trim()} cuts the hosts into {count} slices", "N is the number of jobs and must be at least 1, for example --slice 1/1 for all hosts");
        }

        if (index < 1 || index > count)
        {
            var zeroBased = index == 0 ? "; a Kubernetes Indexed Job passes $((JOB_COMPLETION_INDEX + 1))/N" : "";
            throw Problem($"--slice {text.Trim()} asks for slice {index}, but slices are numbered 1 to {count}", $"K must be within 1..{count}{zeroBased}");
        }

        return new HostSlice(index, count);
    }

    /// <summary>The hosts of <paramref name="hosts"/> that belong to this slice, in their given order.</summary>
    /// <remarks>Host names are unique in an inventory; hosts of the same name would be ordered by address, then port.</remarks>
    public IReadOnlyList<HostEntry> Select(IReadOnlyList<HostEntry> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var held = hosts
            .OrderBy(host => host.Name, StringComparer.Ordinal)
            .ThenBy(host => host.Address, StringComparer.Ordinal)
            .ThenBy(host => host.Port)
            .Where((_, position) => position % Count == Index - 1)
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return hosts.Where(held.Contains).ToArray();
    }

    /// <summary><c>K/N</c>, as <c>--slice</c> takes it.</summary>
    public override string ToString() => $"{Index}/{Count}";

    // Digits only: no sign, no spaces inside, no thousands separators.
    private static bool Number(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static InventoryException Problem(string message, string hint) =>
        new([new InventoryError(InventoryLoader.CommandLine, message, hint)]);
}
