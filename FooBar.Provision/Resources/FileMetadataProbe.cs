using FooBar.Provision.Transport;

namespace FooBar.Provision.Resources;

/// <summary>
/// The probes of every <see cref="FileResource"/> and <see cref="DirectoryResource"/> of a batch in two process starts
/// instead of one or two each: one <c>sha256sum</c> of all the regular files and one <c>stat</c> of all the files and
/// directories, each printing one line per path, in the order given.
/// </summary>
/// <remarks>
/// The tests of each path (<c>-f</c>, <c>-d</c>, <c>-L</c>) are the ones its own probe makes; a member whose path is
/// not a regular file (or directory) is not vouched for and runs its own probe, which then starts no process. When
/// either command fails (a file removed or made unreadable meanwhile), the gather vouches for no member. Only paths
/// without a newline or a backslash share it (see <see cref="Shares"/>): <c>sha256sum</c> escapes such names, and one
/// line per path is what the gather relies on.
/// </remarks>
internal sealed class FileMetadataProbe : SharedProbe
{
    private FileMetadataProbe()
    {
    }

    /// <summary>The one instance: every file and directory of a batch shares it.</summary>
    public static FileMetadataProbe Instance { get; } = new();

    /// <summary>True when <paramref name="path"/> can share the gather (one output line per path, whatever the tool).</summary>
    public static bool Shares(string path) => !path.Contains('\n', StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);

    /// <inheritdoc />
    public override ShellScript Gather(IReadOnlyList<Resource> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var files = members.Select((m, k) => (Member: k, Path: (m as FileResource)?.Path)).Where(f => f.Path is not null && Shares(f.Path)).ToArray();
        var directories = members.Select((m, k) => (Member: k, Path: (m as DirectoryResource)?.Path)).Where(d => d.Path is not null && Shares(d.Path)).ToArray();
        var pickFiles = files.Select(f => (ShellScript)$"if [ -f {f.Path!} ] && [ ! -L {f.Path!} ]; then set -- \"$@\" {f.Path!}; fb_in=${{fb_in}}{f.Member},; fi\n");
        var pickDirectories = directories.Select(d => (ShellScript)$"if [ -d {d.Path!} ] && [ ! -L {d.Path!} ]; then set -- \"$@\" {d.Path!}; fb_in=${{fb_in}}{d.Member},; fi\n");
        // Each answer takes the next line of stat's output (and of sha256sum's, for a file): the paths went in this order.
        var fileAnswers = files.Select(f => (ShellScript)$$"""
            case ,$fb_in in *,{{f.Member}},*) fb_x=${fb_s%%"$fb_nl"*}; fb_s=${fb_s#*"$fb_nl"}; fb_y=${fb_h%%"$fb_nl"*}; fb_h=${fb_h#*"$fb_nl"}; printf '%s\n%s\n%s\n' {{Header(f.Member)}} "$fb_x" "${fb_y%% *}";; esac

            """);
        var directoryAnswers = directories.Select(d => (ShellScript)$$"""
            case ,$fb_in in *,{{d.Member}},*) fb_x=${fb_s%%"$fb_nl"*}; fb_s=${fb_s#*"$fb_nl"}; printf '%s\n%s\n' {{Header(d.Member)}} "${fb_x% *}";; esac

            """);
        return $$"""
            set --; fb_in=; fb_h=; fb_nl='
            '
            {{ShellScript.Join(ShellScript.Empty, pickFiles)}}if [ "$#" -gt 0 ]; then fb_h=$(sha256sum -- "$@") || exit 1; fi
            {{ShellScript.Join(ShellScript.Empty, pickDirectories)}}[ "$#" -gt 0 ] || exit 0
            fb_s=$(stat -c '%a %U %G %s' -- "$@") || exit 1
            fb_s=$fb_s$fb_nl; fb_h=$fb_h$fb_nl
            {{ShellScript.Join(ShellScript.Empty, fileAnswers)}}{{ShellScript.Join(ShellScript.Empty, directoryAnswers)}}
            """;
    }
}
