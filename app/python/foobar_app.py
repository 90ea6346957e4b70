"""FooBar sample application (WSGI).

Run by gunicorn as ``foobar_app:application`` with ``--chdir /srv/foobar/current``.
Depends only on the standard library and, at run time, Debian's python3-pymysql
(imported lazily so the unit tests run without it).

Routes:
  /        HTML page: greeting, hostname, visit counter (stored in MySQL/MariaDB)
  /health  "ok" (200) when SELECT 1 succeeds, "database unavailable" (503) otherwise
  other    404
Every response carries ``X-Served-By: foobar-app`` so a test can tell responses
of the app from files Nginx served itself (``/static/``).
"""

import configparser
import html
import os
import socket
import sys
import traceback
import urllib.parse

DEFAULT_CONFIG_PATH = "/srv/foobar/shared/config.ini"
SERVED_BY = ("X-Served-By", "foobar-app")
GREETING = "Hello from www.foobar.com"

# One statement does the whole increment: the row is created with count 1 or
# bumped by one, and LAST_INSERT_ID(expr) stores the new value for this
# connection only, so concurrent requests never read each other's value.
# LAST_INSERT_ID(1) in VALUES covers the case where the seed row is missing.
INCREMENT_SQL = (
    "INSERT INTO visits (id, count) VALUES (1, LAST_INSERT_ID(1)) "
    "ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)"
)
READ_SQL = "SELECT LAST_INSERT_ID()"


class ConfigError(Exception):
    """The configuration file is missing or incomplete."""


def config_path(environ=None):
    """Path of the INI file: $FOOBAR_CONFIG or the default."""
    env = os.environ if environ is None else environ
    return env.get("FOOBAR_CONFIG") or DEFAULT_CONFIG_PATH


def load_config(path=None):
    """Read the [database] section and return it as a dict.

    Keys: host (default localhost), port (default 3306), name, user, password.
    """
    path = path or config_path()
    # interpolation=None: a '%' in a password must be taken literally.
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path, encoding="utf-8"):
        raise ConfigError("cannot read config file %s" % path)
    if not parser.has_section("database"):
        raise ConfigError("no [database] section in %s" % path)
    db = parser["database"]
    missing = [k for k in ("name", "user", "password") if k not in db]
    if missing:
        raise ConfigError("missing key(s) %s in [database] of %s" % (", ".join(missing), path))
    try:
        port = int(db.get("port", "3306"))
    except ValueError:
        raise ConfigError("port in [database] of %s is not a number" % path) from None
    return {
        "host": db.get("host", "localhost").strip() or "localhost",
        "port": port,
        "name": db["name"],
        "user": db["user"],
        # Percent-encoded UTF-8, so that any password survives both INI parsers (see README.md).
        "password": urllib.parse.unquote(db["password"], errors="strict"),
    }


def connect_kwargs(config):
    """Translate the config dict into pymysql.connect() keyword arguments."""
    kwargs = {
        "user": config["user"],
        # Bytes: PyMySQL would encode a str password as latin-1, MariaDB hashed its UTF-8.
        "password": config["password"].encode("utf-8"),
        "database": config["name"],
        "charset": "utf8mb4",
        "autocommit": False,
        "connect_timeout": 5,
    }
    if config["host"].startswith("/"):
        kwargs["unix_socket"] = config["host"]
    else:
        kwargs["host"] = config["host"]
        kwargs["port"] = config["port"]
    return kwargs


def pymysql_connect(config):
    """Real connection factory (needs python3-pymysql)."""
    import pymysql  # lazy: tests inject a fake factory and need no pymysql

    return pymysql.connect(**connect_kwargs(config))


def _log_exception(config):
    """Log the current exception to stderr with the password masked."""
    text = traceback.format_exc()
    password = (config or {}).get("password")
    if password:
        text = text.replace(password, "***")
    sys.stderr.write("foobar_app: error:\n" + text)
    sys.stderr.flush()


def _run(conn, statements, fetch=True):
    """Execute statements in one transaction; return the first column of the last row."""
    cur = conn.cursor()
    try:
        for sql in statements:
            cur.execute(sql)
        row = cur.fetchone() if fetch else None
        conn.commit()
        return row[0] if row else None
    except BaseException:
        try:
            conn.rollback()
        except Exception:
            pass
        raise
    finally:
        cur.close()


def increment_visits(conn):
    """Atomically add one visit and return the new count."""
    return int(_run(conn, [INCREMENT_SQL, READ_SQL]))


def render_page(hostname, visits):
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        "  <title>www.foobar.com</title>\n"
        '  <link rel="stylesheet" href="/static/style.css">\n'
        "</head>\n"
        "<body>\n"
        "  <main>\n"
        "    <h1>%s</h1>\n"
        '    <p>Served by host</p>\n'
        '    <p id="hostname">%s</p>\n'
        "    <p>Visits so far</p>\n"
        '    <p id="visits">%d</p>\n'
        "  </main>\n"
        "</body>\n"
        "</html>\n"
    ) % (GREETING, html.escape(hostname), visits)


class App:
    """The WSGI application; connect and config loader are injectable for tests."""

    def __init__(self, connect=pymysql_connect, load=load_config, hostname=socket.gethostname):
        self.connect = connect
        self.load = load
        self.hostname = hostname

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO") or "/"
        try:
            if path == "/":
                status, ctype, body, extra = self.index(method)
            elif path == "/health":
                status, ctype, body, extra = self.health(method)
            else:
                status, ctype, body, extra = "404 Not Found", "text/plain", "not found", []
        except Exception:
            # Config may be unreadable here; mask whatever password we can get.
            _log_exception(self._safe_config())
            status, ctype, body, extra = "500 Internal Server Error", "text/plain", "internal server error", []
        data = body.encode("utf-8")
        headers = [
            ("Content-Type", ctype + "; charset=utf-8"),
            ("Content-Length", str(len(data))),
            SERVED_BY,
        ] + extra
        start_response(status, headers)
        # HEAD: same headers, no body (the counter is still incremented).
        return [] if method == "HEAD" else [data]

    def _safe_config(self):
        try:
            return self.load()
        except Exception:
            return None

    @staticmethod
    def _method_not_allowed():
        return "405 Method Not Allowed", "text/plain", "method not allowed", [("Allow", "GET, HEAD")]

    def index(self, method):
        if method not in ("GET", "HEAD"):
            return self._method_not_allowed()
        conn = self.connect(self.load())
        try:
            visits = increment_visits(conn)
        finally:
            conn.close()
        page = render_page(self.hostname(), visits)
        return "200 OK", "text/html", page, [("Cache-Control", "no-store")]

    def health(self, method):
        if method not in ("GET", "HEAD"):
            return self._method_not_allowed()
        config = None
        try:
            config = self.load()
            conn = self.connect(config)
            try:
                ok = _run(conn, ["SELECT 1"]) == 1
            finally:
                conn.close()
        except Exception:
            _log_exception(config)
            ok = False
        extra = [("Cache-Control", "no-store")]
        if ok:
            return "200 OK", "text/plain", "ok", extra
        return "503 Service Unavailable", "text/plain", "database unavailable", extra


application = App()
