using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// The <c>readlink</c> of every probe of a batch that reads a symbolic link's target (<see cref="IReadsLink"/>: a
/// <see cref="SymlinkResource"/>, the app-files role's release and pruning probes, which all read <c>current</c>) in
/// one process start: one <c>readlink</c> of every distinct link, printing one line per link in the order given.
/// </summary>
/// <remarks>
/// A member is vouched for only when its path is a symbolic link (the test its own probe makes first); the others run
/// their own probe. The answer is what the member's own <c>$(readlink PATH)</c> gives, so the gather vouches for no
/// member when <c>readlink</c> fails (a link removed meanwhile, a <c>readlink</c> that takes one operand) or when the
/// output has more lines than links (a target holding a newline, which would shift the others), and when a target
/// starts like the gather's member header.
/// </remarks>
internal sealed class LinkTargetsProbe : SharedProbe
{
    private LinkTargetsProbe()
    {
    }

    /// <summary>The one instance: every link-reading probe of a batch shares it.</summary>
    public static LinkTargetsProbe Instance { get; } = new();

    /// <inheritdoc />
    public override ShellScript Gather(IReadOnlyList<Resource> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var links = members
            .Select((m, k) => (Member: k, Path: (m as IReadsLink)?.LinkPath))
            .Where(l => l.Path is not null)
            .GroupBy(l => l.Path!, StringComparer.Ordinal)
            .Select((g, d) => (Index: d, Path: g.Key, Members: g.Select(l => l.Member).ToArray()))
            .ToArray();
        if (links.Length == 0)
        {
            return $"true";
        }

        var pick = links.Select(l => (ShellScript)$"if [ -L {l.Path} ]; then set -- \"$@\" {l.Path}; fb_in=${{fb_in}}{l.Index},; fi\n");
        // Each link takes the next line of readlink's output (the paths went in this order), and answers for every member
        // that reads it.
        var answers = links.Select(l => (ShellScript)$$"""
            case ,$fb_in in *,{{l.Index}},*) fb_x=${fb_t%%"$fb_nl"*}; fb_t=${fb_t#*"$fb_nl"}
              case $fb_x in 'fb-member '*) exit 1;; esac
            {{ShellScript.Join(ShellScript.Empty, l.Members.Select(k => (ShellScript)$"  printf '%s\\n%s\\n' {Header(k)} \"$fb_x\"\n"))}};; esac

            """);
        // The "." after the output keeps its last newlines: a target ending in one leaves a line over, and is refused.
        return $$"""
            set --; fb_in=; fb_nl='
            '
            {{ShellScript.Join(ShellScript.Empty, pick)}}[ "$#" -gt 0 ] || exit 0
            fb_t=$(readlink -- "$@" && echo .) || exit 1
            fb_t=${fb_t%.}
            {{ShellScript.Join(ShellScript.Empty, answers)}}[ -z "$fb_t" ] || exit 1
            """;
    }
}
