using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.AppServer;

public sealed partial class AppServerRole
{
    // One HTTP GET over TCP or a unix socket (python3 is there: gunicorn runs on it). Passes after two answers in a
    // row below 400, so a worker of the previous release that answers once during a reload cannot pass it alone.
    private const string HttpProbe = """
        import http.client, socket, subprocess, sys, time
        bind, path, tries, interval, unit, before = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
        def restarts():
            if not unit:
                return None
            out = subprocess.run(["systemctl", "show", "-p", "NRestarts", "--value", unit], capture_output=True, text=True).stdout.strip()
            return int(out) if out.isdigit() else None
        class Unix(http.client.HTTPConnection):
            def __init__(self, where):
                super().__init__("localhost", timeout=5)
                self.where = where
            def connect(self):
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(5)
                self.sock.connect(self.where)
        def connection():
            if bind.startswith("unix:"):
                return Unix(bind[5:])
            host, _, port = bind.rpartition(":")
            host = {"0.0.0.0": "127.0.0.1", "[::]": "::1"}.get(host, host).strip("[]")
            return http.client.HTTPConnection(host, int(port), timeout=5)
        good, last = 0, "no answer"
        for _ in range(tries):
            time.sleep(interval)
            try:
                c = connection()
                c.request("GET", path, headers={"Host": "localhost", "User-Agent": "foobar-provision-health"})
                r = c.getresponse()
                r.read()
                c.close()
                last = "HTTP %d %s" % (r.status, r.reason)
                if r.status < 400:
                    good += 1
                    if good == 2:
                        sys.exit(0)
                    continue
            except Exception as e:
                last = "%s: %s" % (type(e).__name__, e)
            good = 0
            now = restarts()
            if now is not None and before.isdigit() and now > int(before):
                # systemd restarted the app since the change: it crashed (gunicorn halts when a worker cannot boot).
                sys.stderr.write("the application crashed: systemd restarted %s %d time(s) since the change (last: %s)\n" % (unit, now - int(before), last))
                sys.exit(1)
        sys.stderr.write("the application did not answer GET %s on %s after %d tries %gs apart (last: %s)\n" % (path, bind, tries, interval, last))
        sys.exit(1)
        """;

    /// <summary>The health check of a gunicorn app: GET the health path on the bind address, then the log on failure.</summary>
    private static ShellScript GunicornCheck(AppServerSettings settings, HealthSettings health, bool systemd)
    {
        // Under systemd the check also stops early when the unit restarts: the application crashed, waiting longer only
        // keeps the site down.
        var unit = systemd ? settings.AppName + ".service" : "";
        ShellScript before = systemd ? $"\"$(systemctl show -p NRestarts --value {unit} 2>/dev/null)\"" : (ShellScript)$"''";
        ShellScript probe = $"python3 -c {HttpProbe} {settings.Bind} {health.Path} {health.Retries} {health.Interval} {unit} {before}";
        // The last lines of the log since just before the change, and its last error lines, which a crash loop's
        // restart messages would otherwise push out of the window (a traceback ends with the error).
        ShellScript journal =
            $"j=$(journalctl -u {settings.AppName} --since \"@$since\" --no-pager -o cat); printf '%s\\n' \"$j\" | tail -n {health.LogLines}; " +
            $"printf '%s\\n' \"$j\" | grep -E 'Error|Exception' | tail -n 3 | sed 's/^/error in the log: /'";
        var log = systemd ? journal : $"tail -n {health.LogLines} {$"/var/log/{settings.AppName}/error.log"}";
        return $"since=$(($(date +%s) - 10))\n{WithLog(probe, log, health.LogLines)}";
    }

    /// <summary>The health check of a php-fpm app: a FastCGI request for the front controller of the live release on the pool's socket.</summary>
    private static ShellScript PhpFpmCheck(AppServerSettings settings, HealthSettings health)
    {
        var current = settings.Current;
        var socket = settings.FpmSocket;
        var path = health.Path;

        // Only the answer's own stream is parsed: php-fpm's error messages (a parse error) come on stderr first.
        ShellScript probe = $$"""
            ( good=0; i=0; last='no answer'; err=$(mktemp); trap 'rm -f "$err"' EXIT
            while [ $i -lt {{health.Retries}} ]; do
              i=$((i + 1)); sleep {{health.Interval}}
              root=$(readlink -f {{current}})
              if out=$(SCRIPT_FILENAME="$root/index.php" SCRIPT_NAME=/index.php DOCUMENT_ROOT="$root" REQUEST_METHOD=GET REQUEST_URI={{path}} QUERY_STRING= SERVER_NAME=localhost SERVER_PROTOCOL=HTTP/1.1 timeout 5 cgi-fcgi -bind -connect {{socket}} 2>"$err") && [ -n "$out" ]; then
                status=$(printf '%s\n' "$out" | tr -d '\r' | sed -n '/^$/q; s/^Status: *\([0-9][0-9]*\).*/\1/p' | head -n 1)
                status=${status:-200}; last="HTTP $status $(tr '\n' ' ' < "$err" | cut -c1-300)"
                if [ "$status" -lt 400 ]; then good=$((good + 1)); [ $good -lt 2 ] || exit 0; continue; fi
              else last="$( { cat "$err"; printf '%s' "$out"; } | tr '\n' ' ' | cut -c1-300)"; fi
              good=0
            done
            printf 'the application did not answer GET %s on %s after %s tries %ss apart (last: %s)\n' {{path}} {{socket}} {{health.Retries}} {{health.Interval}} "$last" >&2; exit 1 )
            """;
        ShellScript log = $"tail -n {health.LogLines} {$"/var/log/{settings.FpmService}.log"}";
        return WithLog(probe, log, health.LogLines);
    }

    private static ShellScript WithLog(ShellScript probe, ShellScript log, long lines) =>
        $"{probe}\nstatus=$?\nif [ $status -ne 0 ]; then printf 'last %s lines of the log:\\n' {lines} >&2; {log} >&2 2>/dev/null; fi\nexit $status\n";
}
