using FooBar.Provision.Resources;

namespace FooBar.Provision.Planning;

/// <summary>
/// <c>--tags</c> and <c>--skip-tags</c>: which resources of a host's plan run. A resource's tags are its own
/// (<see cref="Resource.Tags"/>), its role's name and its kind (<c>file</c>, <c>packages</c>, <c>service</c>, …).
/// </summary>
/// <remarks>
/// As ansible's: with <c>--tags</c>, a resource runs when one of its tags is listed, or when it is tagged
/// <c>always</c>; with <c>--skip-tags</c>, a resource with a listed tag does not run (<c>always</c> included, when
/// listed). A resource tagged <c>never</c> runs only when <c>--tags</c> names one of its other tags (or <c>never</c>).
/// </remarks>
internal static class TagFilter
{
    /// <summary>The tag that runs a resource whatever <c>--tags</c> says (unless skipped by name).</summary>
    public const string Always = "always";

    /// <summary>The tag that keeps a resource out unless <c>--tags</c> names it.</summary>
    public const string Never = "never";

    /// <summary>Every tag of a resource of <paramref name="role"/>: its own, the role's name and its kind.</summary>
    public static IEnumerable<string> TagsOf(string role, Resource resource) =>
        resource.Tags.Append(role).Append(resource.Kind).Distinct(StringComparer.Ordinal);

    /// <summary>True when the resource runs under <paramref name="tags"/> (null: no --tags) and <paramref name="skip"/> (null: no --skip-tags).</summary>
    public static bool Runs(string role, Resource resource, IReadOnlyList<string>? tags, IReadOnlyList<string>? skip)
    {
        var own = TagsOf(role, resource).ToHashSet(StringComparer.Ordinal);
        if (skip is not null && skip.Any(own.Contains))
        {
            return false;
        }

        if (tags is null)
        {
            return !own.Contains(Never);
        }

        return tags.Any(own.Contains) || (own.Contains(Always) && !tags.Contains(Never));
    }

    /// <summary>The items that run, and a note for the host when <c>--tags</c> left none of them.</summary>
    public static (List<(string Role, Resource Resource)> Items, string? Note) Apply(List<(string Role, Resource Resource)> items, IReadOnlyList<string>? tags, IReadOnlyList<string>? skip)
    {
        if (tags is null && skip is null && !items.Any(i => i.Resource.Tags.Contains(Never)))
        {
            return (items, null);
        }

        var kept = items.Where(i => Runs(i.Role, i.Resource, tags, skip)).ToList();
        string? note = null;
        if (kept.Count == 0 && items.Count > 0)
        {
            var known = items.SelectMany(i => TagsOf(i.Role, i.Resource)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var asked = tags is null ? "" : $"--tags {string.Join(',', tags)}";
            var skipped = skip is null ? "" : $"--skip-tags {string.Join(',', skip)}";
            note = $"{string.Join(" ", new[] { asked, skipped }.Where(s => s.Length > 0))} leaves no resource of this host to run; its tags: {string.Join(", ", known)}";
        }

        return (kept, note);
    }
}
