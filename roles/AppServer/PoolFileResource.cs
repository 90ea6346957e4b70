using System.Globalization;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppServer;

/// <summary>A php-fpm pool file that php-fpm itself checks before it replaces anything.</summary>
/// <remarks>
/// Probes and compares like the <see cref="FileResource"/> it wraps. Before the write, the candidate goes (on stdin) into
/// a private temporary configuration beside the host's other pools (without the pool it replaces and without the
/// package's default pool, which the role removes) and <c>php-fpm -t</c> reads it. A pool php-fpm rejects fails the
/// resource with php-fpm's words and nothing is written: on a fresh host the package's working default pool stays.
/// </remarks>
internal sealed class PoolFileResource : Resource
{
    private readonly FileResource _file;
    private readonly string _fpmBinary;
    private readonly string _defaultPool;

    public PoolFileResource(FileResource file, string fpmBinary, string defaultPool)
    {
        _file = file;
        _fpmBinary = fpmBinary;
        _defaultPool = defaultPool;
        Notify = file.Notify;
    }

    /// <summary>The pool file itself.</summary>
    public FileResource File => _file;

    public override string Kind => _file.Kind;

    public override string Name => _file.Name;

    public override ShellScript ProbeScript => _file.ProbeScript;

    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        var change = _file.Compare(current, context);
        if (change is null || change.Diff is null)
        {
            // Unchanged, or only its mode or owner differ: php-fpm reads the same settings.
            return change;
        }

        var apply = change.Apply;
        var applyWithBackup = change.ApplyWithBackup;
        return change with
        {
            Apply = async (connection, cancellationToken) =>
            {
                await CheckAsync(connection, cancellationToken).ConfigureAwait(false);
                await apply(connection, cancellationToken).ConfigureAwait(false);
            },
            ApplyWithBackup = applyWithBackup is null ? null : async (connection, backup, cancellationToken) =>
            {
                await CheckAsync(connection, cancellationToken).ConfigureAwait(false);
                await applyWithBackup(connection, backup, cancellationToken).ConfigureAwait(false);
            },
        };
    }

    /// <summary>The script that receives the candidate on stdin and runs <c>php-fpm -t</c> on it with the other pools.</summary>
    internal ShellScript CheckScript()
    {
        var directory = _file.Path[.._file.Path.LastIndexOf('/')];
        var name = _file.Path[(_file.Path.LastIndexOf('/') + 1)..];

        // The error lines name the pool's real directory instead of the temporary one: the replacement is a value of
        // sed's s command (its \, & and | escaped), then a shell word like any other.
        var replacement = directory.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("&", "\\&", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "/|g";
        return $$"""
            d=$(mktemp -d)
            trap 'rm -rf "$d"' EXIT
            mkdir "$d/pool.d"
            cat > "$d/pool.d/"{{name}}
            for f in {{directory}}/*.conf; do
              case "$f" in {{_file.Path}}|{{_defaultPool}}) ;; *) if [ -f "$f" ]; then cp "$f" "$d/pool.d/"; fi ;; esac
            done
            printf '[global]\npid = %s/php-fpm.pid\nerror_log = %s/error.log\ninclude = %s/pool.d/*.conf\n' "$d" "$d" "$d" > "$d/php-fpm.conf"
            if ! out=$({{_fpmBinary}} -t -y "$d/php-fpm.conf" 2>&1); then
              { printf '%s\n' "$out"; cat "$d/error.log" 2>/dev/null; } | grep -v '^$' | sed "s|$d/pool.d/|"{{replacement}} >&2
              exit 1
            fi

            """;
    }

    private async Task CheckAsync(IHostConnection connection, CancellationToken cancellationToken)
    {
        var command = new RemoteCommand(CheckScript()).WithStandardInput(_file.Content.ToArray()).WithTimeout(TimeSpan.FromMinutes(1));
        var result = await connection.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var lines = result.StandardError.Trim().Split('\n').TakeLast(6);
            throw new ResourceFailedException(
                string.Create(CultureInfo.InvariantCulture, $"php-fpm rejects the new pool {_file.Path}, so nothing was replaced: {string.Join(" | ", lines)}"),
                "fix the php_fpm_* variables (roles/AppServer/README.md); the pool that runs now is untouched");
        }
    }
}
