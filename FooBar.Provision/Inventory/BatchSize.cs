using System.Globalization;

namespace FooBar.Provision.Inventory;

/// <summary>How many hosts a batch of a rolling deploy holds: a number of hosts (<c>2</c>) or a share of them (<c>30%</c>).</summary>
/// <remarks>A share is counted as Ansible's <c>serial</c> does: rounded down, at least one host.</remarks>
public sealed record BatchSize
{
    private BatchSize(int value, bool isPercent)
    {
        Value = value;
        IsPercent = isPercent;
    }

    /// <summary>The number of hosts, or the percentage.</summary>
    public int Value { get; }

    /// <summary>True when <see cref="Value"/> is a percentage of the hosts.</summary>
    public bool IsPercent { get; }

    /// <summary>What the values must look like, for messages.</summary>
    public const string Expected = "a whole number of hosts of at least 1 (2) or a percentage from 1% to 100% (30%)";

    /// <summary>Batches of <paramref name="count"/> hosts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static BatchSize Hosts(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new BatchSize(count, isPercent: false);
    }

    /// <summary>Batches of <paramref name="percent"/> % of the hosts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not within 1 to 100.</exception>
    public static BatchSize Percent(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        return new BatchSize(percent, isPercent: true);
    }

    /// <summary>Reads <c>N</c> or <c>N%</c>; null (and <paramref name="problem"/>) when the text is neither, 0, or above 100%.</summary>
    public static BatchSize? TryParse(string? text, out string problem)
    {
        var trimmed = (text ?? "").Trim();
        var percent = trimmed.EndsWith('%');
        var digits = percent ? trimmed[..^1] : trimmed;
        problem = "";
        if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit))
        {
            problem = $"'{text}' is not a number of hosts nor a percentage";
            return null;
        }

        var value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value == 0)
        {
            problem = "0 would run no host at all";
            return null;
        }

        if (percent && value > 100)
        {
            problem = $"{value}% is more than all the hosts";
            return null;
        }

        return new BatchSize(value, percent);
    }

    /// <summary>The hosts in each batch out of <paramref name="hostCount"/>: at least 1, at most all of them.</summary>
    public int For(int hostCount)
    {
        var size = IsPercent ? (int)((long)hostCount * Value / 100) : Value;
        return Math.Max(1, Math.Min(size, Math.Max(1, hostCount)));
    }

    /// <summary>The batches of <paramref name="hosts"/>, in order.</summary>
    public IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return hosts.Chunk(For(hosts.Count)).Select(IReadOnlyList<T> (c) => c).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => IsPercent ? $"{Value.ToString(CultureInfo.InvariantCulture)}%" : Value.ToString(CultureInfo.InvariantCulture);
}
