using System.Globalization;
using FooBar.Provision.Rolling;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>Reads one server's row of haproxy's <c>show stat</c> (CSV with a <c># pxname,svname,…</c> header).</summary>
internal static class HaproxyStat
{
    private static readonly string[] Passed = ["L4OK", "L6OK", "L7OK", "L7OKC"];

    /// <summary>The server's sessions and health, or null when <paramref name="csv"/> has no row for it.</summary>
    /// <remarks>
    /// Up: its status is <c>UP</c>, <c>DRAIN</c> (drained, health check passing) or <c>no check</c>, and its last check
    /// (<c>check_status</c>, a leading <c>* </c> marks one in progress) passed. <c>UP 1/3</c> with a failed last check is a
    /// server going down: not up.
    /// </remarks>
    public static BalancerReading? Read(string csv, DrainTarget target)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith('#'));
        if (header is null)
        {
            return null;
        }

        var names = header.TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(names, name);
        var (proxy, server, sessions, status, check) = (Column("pxname"), Column("svname"), Column("scur"), Column("status"), Column("check_status"));
        if (proxy < 0 || server < 0 || sessions < 0 || status < 0)
        {
            return null;
        }

        foreach (var fields in lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(',')))
        {
            if (fields.Length <= Math.Max(status, sessions) || fields[proxy] != target.Backend || fields[server] != target.Server)
            {
                continue;
            }

            var state = fields[status];
            var last = check >= 0 && check < fields.Length ? fields[check].TrimStart('*', ' ') : "";
            var healthy = state is "UP" or "DRAIN" or "no check" || state.StartsWith("UP ", StringComparison.Ordinal);
            var checkPassed = last.Length == 0 || Passed.Contains(last);
            var count = int.TryParse(fields[sessions], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return new BalancerReading(count, healthy && checkPassed, last.Length == 0 ? state : $"{state} ({last})");
        }

        return null;
    }
}
