using System.Text.RegularExpressions;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>Decides a rollback from what the host reported: the current link, the history and the complete releases.</summary>
/// <param name="Link">What <c>current</c> points to now (compared again on the host before the switch).</param>
/// <param name="From">The current release id.</param>
/// <param name="To">The release to switch to.</param>
/// <param name="History">The new history (ending with <paramref name="To"/>), or null to leave it as it is.</param>
internal sealed partial record RollbackPlan(string Link, string From, string To, IReadOnlyList<string>? History)
{
    /// <summary>Parses the lines <c>current LINK</c>, <c>history ID</c> (oldest first) and <c>release ID</c> (newest first).</summary>
    public static RollbackPlan Parse(string output, string appRoot)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var link = lines.FirstOrDefault(l => l.StartsWith("current ", StringComparison.Ordinal))?[8..].Trim() ?? "";
        var from = link.TrimEnd('/').Split('/')[^1];
        if (!ReleaseId().IsMatch(from))
        {
            throw new ProvisionException($"{appRoot}/current does not point to a release (it is '{link}')", "deploy the application with provision apply first");
        }

        var history = Values(lines, "history ");
        var complete = Values(lines, "release ");
        var last = history.LastIndexOf(from);
        for (var i = last - 1; i >= 0; i--)
        {
            // The activation before the current one whose directory is still complete on the host.
            if (history[i] != from && complete.Contains(history[i]))
            {
                return new RollbackPlan(link, from, history[i], history.Take(i + 1).ToArray());
            }
        }

        // Without a usable history: the newest complete release older than the current one.
        var position = complete.IndexOf(from);
        var older = last < 0 && position >= 0 ? complete.Skip(position + 1).FirstOrDefault() : null;
        return older is not null
            ? new RollbackPlan(link, from, older, null)
            : throw new ProvisionException($"there is no release before {from} to roll back to in {appRoot}/releases", "older releases were pruned (releases_keep) or never deployed; deploy the code you want with provision apply");
    }

    private static List<string> Values(IEnumerable<string> lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim()).Where(v => ReleaseId().IsMatch(v)).ToList();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex ReleaseId();
}
