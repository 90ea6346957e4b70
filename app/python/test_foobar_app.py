"""Unit tests for foobar_app; no database and no pymysql needed.

Run: cd app/python && python3 -m unittest -v
"""

import contextlib
import io
import os
import sys
import tempfile
import unittest
from unittest import mock

import foobar_app

CONFIG = {"host": "db.internal", "port": 3306, "name": "foobar", "user": "foobar", "password": "s3cret-pw"}


class FakeDatabase:
    """Shared state behind FakeConnection: the visits row and a commit log."""

    def __init__(self, count=0, fail_connect=False, fail_query=False):
        self.count = count
        self.fail_connect = fail_connect
        self.fail_query = fail_query
        self.executed = []
        self.commits = 0
        self.rollbacks = 0
        self.open_connections = 0
        self.configs = []

    def connect(self, config):
        self.configs.append(config)
        if self.fail_connect:
            # Mimic a driver message that mentions the password.
            raise RuntimeError("cannot connect with password %s" % config["password"])
        self.open_connections += 1
        return FakeConnection(self)


class FakeCursor:
    def __init__(self, db):
        self.db = db
        self.row = None
        self.last_insert_id = None

    def execute(self, sql):
        db = self.db
        db.executed.append(sql)
        if db.fail_query:
            raise RuntimeError("query failed")
        if sql == foobar_app.INCREMENT_SQL:
            db.count += 1
            self.last_insert_id = db.count
        elif sql == foobar_app.READ_SQL:
            self.row = (self.last_insert_id,)
        elif sql == "SELECT 1":
            self.row = (1,)
        else:
            raise AssertionError("unexpected SQL: %s" % sql)

    def fetchone(self):
        return self.row

    def close(self):
        pass


class FakeConnection:
    def __init__(self, db):
        self.db = db
        self.closed = False

    def cursor(self):
        return FakeCursor(self.db)

    def commit(self):
        self.db.commits += 1

    def rollback(self):
        self.db.rollbacks += 1

    def close(self):
        self.closed = True
        self.db.open_connections -= 1


def call(app, path, method="GET"):
    """Invoke the WSGI app; return (status, headers dict, body text)."""
    captured = {}

    def start_response(status, headers):
        captured["status"] = status
        captured["headers"] = dict(headers)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.input": io.BytesIO()}
    body = b"".join(app(environ, start_response)).decode("utf-8")
    return captured["status"], captured["headers"], body


def make_app(db):
    return foobar_app.App(connect=db.connect, load=lambda: dict(CONFIG), hostname=lambda: "web-1")


class IndexTests(unittest.TestCase):
    def test_page_content_and_headers(self):
        db = FakeDatabase(count=41)
        status, headers, body = call(make_app(db), "/")
        self.assertEqual(status, "200 OK")
        self.assertEqual(headers["X-Served-By"], "foobar-app")
        self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(int(headers["Content-Length"]), len(body.encode("utf-8")))
        self.assertIn("<h1>Hello from www.foobar.com</h1>", body)
        self.assertIn('<p id="hostname">web-1</p>', body)
        self.assertIn('<p id="visits">42</p>', body)
        self.assertIn('<link rel="stylesheet" href="/static/style.css">', body)

    def test_counter_increments_in_one_transaction(self):
        db = FakeDatabase()
        app = make_app(db)
        for expected in (1, 2, 3):
            _, _, body = call(app, "/")
            self.assertIn('<p id="visits">%d</p>' % expected, body)
        self.assertEqual(db.count, 3)
        self.assertEqual(db.commits, 3)
        self.assertEqual(db.executed[:2], [foobar_app.INCREMENT_SQL, foobar_app.READ_SQL])
        self.assertEqual(db.open_connections, 0)  # every connection closed

    def test_hostname_is_escaped(self):
        app = foobar_app.App(connect=FakeDatabase().connect, load=lambda: CONFIG, hostname=lambda: "<b>")
        _, _, body = call(app, "/")
        self.assertIn('<p id="hostname">&lt;b&gt;</p>', body)

    def test_head_has_no_body(self):
        status, headers, body = call(make_app(FakeDatabase()), "/", method="HEAD")
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, "")
        self.assertEqual(headers["X-Served-By"], "foobar-app")

    def test_post_not_allowed(self):
        status, headers, _ = call(make_app(FakeDatabase()), "/", method="POST")
        self.assertEqual(status, "405 Method Not Allowed")
        self.assertEqual(headers["X-Served-By"], "foobar-app")

    def test_database_error_gives_generic_500_without_secrets(self):
        db = FakeDatabase(fail_connect=True)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status, headers, body = call(make_app(db), "/")
        self.assertEqual(status, "500 Internal Server Error")
        self.assertEqual(body, "internal server error")
        self.assertEqual(headers["X-Served-By"], "foobar-app")
        self.assertIn("RuntimeError", stderr.getvalue())
        self.assertNotIn(CONFIG["password"], stderr.getvalue())
        self.assertNotIn(CONFIG["password"], body)

    def test_query_error_rolls_back(self):
        db = FakeDatabase(fail_query=True)
        with contextlib.redirect_stderr(io.StringIO()):
            status, _, _ = call(make_app(db), "/")
        self.assertEqual(status, "500 Internal Server Error")
        self.assertEqual(db.rollbacks, 1)
        self.assertEqual(db.commits, 0)
        self.assertEqual(db.open_connections, 0)


class HealthTests(unittest.TestCase):
    def test_health_ok(self):
        db = FakeDatabase()
        status, headers, body = call(make_app(db), "/health")
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, "ok")
        self.assertEqual(headers["X-Served-By"], "foobar-app")
        self.assertEqual(db.executed, ["SELECT 1"])
        self.assertEqual(db.count, 0)  # health never touches the counter

    def test_health_failing_database(self):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status, headers, body = call(make_app(FakeDatabase(fail_connect=True)), "/health")
        self.assertEqual(status, "503 Service Unavailable")
        self.assertEqual(body, "database unavailable")
        self.assertEqual(headers["X-Served-By"], "foobar-app")
        self.assertNotIn(CONFIG["password"], stderr.getvalue())

    def test_health_failing_config(self):
        def broken_load():
            raise foobar_app.ConfigError("cannot read config file /nope")

        app = foobar_app.App(connect=FakeDatabase().connect, load=broken_load, hostname=lambda: "h")
        with contextlib.redirect_stderr(io.StringIO()):
            status, _, body = call(app, "/health")
        self.assertEqual(status, "503 Service Unavailable")
        self.assertEqual(body, "database unavailable")


class NotFoundTests(unittest.TestCase):
    def test_unknown_paths(self):
        db = FakeDatabase()
        for path in ("/nope", "/static/style.css", "/health/", "/index.php"):
            status, headers, body = call(make_app(db), path)
            self.assertEqual(status, "404 Not Found", path)
            self.assertEqual(body, "not found")
            self.assertEqual(headers["X-Served-By"], "foobar-app")
        self.assertEqual(db.configs, [])  # 404 never touches the database


class ConfigTests(unittest.TestCase):
    def write(self, text):
        fd, path = tempfile.mkstemp(suffix=".ini")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        return path

    def test_tcp_config(self):
        path = self.write(
            "[database]\nhost = 10.0.0.5\nport = 3307\nname = foobar\nuser = app\npassword = p%25w%3Bd%23x\n"
        )
        config = foobar_app.load_config(path)
        self.assertEqual(
            config, {"host": "10.0.0.5", "port": 3307, "name": "foobar", "user": "app", "password": "p%w;d#x"}
        )
        kwargs = foobar_app.connect_kwargs(config)
        self.assertEqual(kwargs["host"], "10.0.0.5")
        self.assertEqual(kwargs["port"], 3307)
        self.assertEqual(kwargs["database"], "foobar")
        self.assertEqual(kwargs["password"], b"p%w;d#x")
        self.assertNotIn("unix_socket", kwargs)
        self.assertFalse(kwargs["autocommit"])

    def test_a_password_of_any_printable_characters_is_read_back_from_its_percent_encoding(self):
        # As the app-files role writes it: UTF-8 bytes, percent-encoded except letters, digits, - . _
        password = " it's \"q\" \\ $x `y` ;z #h =e ~ % +plus ü日本 "
        encoded = "".join(
            chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-._") else "%%%02X" % b
            for b in password.encode("utf-8")
        )
        path = self.write("[database]\nname = foobar\nuser = app\npassword = %s\n" % encoded)
        config = foobar_app.load_config(path)
        self.assertEqual(config["password"], password)
        self.assertEqual(foobar_app.connect_kwargs(config)["password"], password.encode("utf-8"))

    def test_unix_socket_config_and_defaults(self):
        path = self.write(
            "[database]\nhost = /run/mysqld/mysqld.sock\nname = foobar\nuser = app\npassword = CHANGE_ME\n"
        )
        config = foobar_app.load_config(path)
        self.assertEqual(config["port"], 3306)
        kwargs = foobar_app.connect_kwargs(config)
        self.assertEqual(kwargs["unix_socket"], "/run/mysqld/mysqld.sock")
        self.assertNotIn("host", kwargs)
        self.assertNotIn("port", kwargs)

    def test_default_host(self):
        path = self.write("[database]\nname = foobar\nuser = app\npassword = x\n")
        self.assertEqual(foobar_app.load_config(path)["host"], "localhost")

    def test_missing_file_section_and_keys(self):
        with self.assertRaises(foobar_app.ConfigError):
            foobar_app.load_config("/nonexistent/config.ini")
        with self.assertRaises(foobar_app.ConfigError):
            foobar_app.load_config(self.write("[other]\nx = 1\n"))
        with self.assertRaisesRegex(foobar_app.ConfigError, "password"):
            foobar_app.load_config(self.write("[database]\nname = a\nuser = b\n"))
        with self.assertRaises(foobar_app.ConfigError):
            foobar_app.load_config(self.write("[database]\nport = x\nname = a\nuser = b\npassword = c\n"))

    def test_config_path_from_environment(self):
        self.assertEqual(foobar_app.config_path({}), "/srv/foobar/shared/config.ini")
        self.assertEqual(foobar_app.config_path({"FOOBAR_CONFIG": "/tmp/x.ini"}), "/tmp/x.ini")
        with mock.patch.dict(os.environ, {"FOOBAR_CONFIG": "/etc/foo.ini"}):
            self.assertEqual(foobar_app.config_path(), "/etc/foo.ini")

    def test_real_factory_imports_pymysql_lazily(self):
        # The module imported fine without pymysql; the factory uses it when called.
        fake = mock.MagicMock()
        with mock.patch.dict(sys.modules, {"pymysql": fake}):
            foobar_app.pymysql_connect(CONFIG)
        fake.connect.assert_called_once_with(**foobar_app.connect_kwargs(CONFIG))

    def test_module_exports_application(self):
        self.assertTrue(callable(foobar_app.application))
        self.assertIs(foobar_app.application.connect, foobar_app.pymysql_connect)


if __name__ == "__main__":
    unittest.main()
