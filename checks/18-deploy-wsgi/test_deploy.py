"""Lesson 18: the widgets API under a production WSGI server.

These checks do not use the usual ``app``/``client`` fixtures: those hand create_app the test
config, and this lesson is about what happens when nobody hands it anything. Each check sets the
environment itself, imports app.py afresh and calls ``create_app()`` with no arguments, exactly
what ``waitress-serve --call app:create_app`` does (``pkgutil.resolve_name``, then a call).
Two checks start the real waitress in a child process on a free loopback port and always stop
it, pass or fail.
"""

import inspect
import logging
import os
import pkgutil
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
import requests
from flask import Flask, got_request_exception

from flaskcourse.checking import expect, fail
from flaskcourse.checking import learner
from flaskcourse.checking.client import RecordingClient

ENV_SECRET = "from-the-environment-5c1d9e7a3b8f4a2c6e0d1b9f7a5c3e1d"
SECRET_DETAIL = "db-password=hunter2-flaskcourse"
CRASH_URL = "/__flaskcourse_crash__"
START_TIMEOUT = 10.0
LOG_TIMEOUT = 1.0
"""The request line is logged before the response is sent; this only covers the pipe."""
POLL = 0.05
# The variables that decide how the app starts; each check sets the ones it means.
WATCHED = ("APP_ENV", "SECRET_KEY", "FLASK_DEBUG", "FLASK_ENV", "FLASK_APP")

CONTRACT = (
    "The contract: a WSGI server runs `waitress-serve --call app:create_app`: it imports app.py "
    "and calls create_app() with no arguments. APP_ENV picks the config (production or "
    "development); when APP_ENV is not set the app is production, unless FLASK_DEBUG is on "
    "(that is what `flask run --debug` sets). Production reads SECRET_KEY from the environment "
    "and refuses to start without it."
)


# ---------------------------------------------------------------------------------- helpers


def describe_call(env):
    """The environment and the call, as the learner would reproduce them in a shell."""
    shown = " ".join(f"{name}={value}" for name, value in env.items())
    unset = [name for name in ("APP_ENV", "SECRET_KEY", "FLASK_DEBUG") if name not in env]
    return (f"{shown + ' ' if shown else ''}python -c \"import app; app.create_app()\""
            f"\n(what waitress-serve --call app:create_app does; not set: {', '.join(unset)})")


def fresh_logging():
    """Logger levels as a new server process has them. Loggers live as long as the process, so
    an app built in debug mode by an earlier check would otherwise leave its logger at DEBUG,
    and a production app that configures nothing would look as if it logged INFO."""
    for logger in list(logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.setLevel(logging.NOTSET)
            logger.disabled = False
    logging.root.setLevel(logging.WARNING)


def server_factory(monkeypatch, env):
    """Set the environment, import app.py afresh and resolve app:create_app as waitress does."""
    __tracebackhide__ = True
    fresh_logging()
    for name in WATCHED:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    call = describe_call(env)
    try:
        learner.import_entry_module()
    except learner.LoadFailure as failure:
        fail("app.py to import, the way waitress imports it", got=failure.message, request=call,
             help=CONTRACT)
    try:
        create_app = pkgutil.resolve_name("app:create_app")
    except AttributeError:
        fail("app.py to define create_app, the function `--call app:create_app` names",
             got="no create_app in app.py (waitress stops with: module 'app' has no attribute "
                 "'create_app')",
             request=call,
             help="A server can only call a factory it can find by name. An app that is built "
                  "only under `if __name__ == \"__main__\":` (or a factory with another name) "
                  "never exists for a server: that block runs only for `python app.py`.")
    try:
        inspect.signature(create_app).bind()
    except TypeError:
        fail("create_app() to work with no arguments, the way waitress calls it",
             got=f"def create_app{inspect.signature(create_app)}: a parameter without a default "
                 "(waitress would stop with a TypeError)",
             request=call, help="Give every parameter a default: def create_app(config=None).")
    except ValueError:
        pass
    return create_app, call


def _record_exception(sender, exception, **extra):
    learner.exceptions.append(exception)


def server_app(monkeypatch, env):
    """The app exactly as the server gets it; any failure to start fails the check."""
    __tracebackhide__ = True
    create_app, call = server_factory(monkeypatch, env)
    try:
        app = create_app()
    except Exception as exc:
        fail("create_app() to return the app", got=learner.describe_exception(exc, "create_app() raised"),
             request=call, help=CONTRACT)
    if not isinstance(app, Flask):
        fail("create_app() to return the Flask app", got=f"it returned {type(app).__name__}",
             request=call, help="End the factory with `return app`.")
    app.test_client_class = RecordingClient
    got_request_exception.connect(_record_exception, app)
    return app, call


def production_app(monkeypatch, **extra):
    """What a server gets with only SECRET_KEY set (plus ``extra`` environment variables)."""
    __tracebackhide__ = True
    return server_app(monkeypatch, {"SECRET_KEY": ENV_SECRET, **extra})


@pytest.fixture
def emitted(monkeypatch):
    """Every log record that passes its logger's level, whichever logger and handler it uses.

    Logger.handle is where a record goes once the level check let it through, before any
    handler or propagation: so this sees print-free, handler-agnostic proof that it was logged.
    """
    records = []
    real_handle = logging.Logger.handle

    def handle(self, record):
        records.append(record)
        return real_handle(self, record)

    monkeypatch.setattr(logging.Logger, "handle", handle)
    return records


def show_records(records, limit=8):
    if not records:
        return "no log record at all"
    lines = [f"{r.levelname} [{r.name}] {r.getMessage()}"[:160] for r in records[-limit:]]
    return "these log records:\n" + "\n".join(lines)


def crash(app):
    """Add a route that fails like a real bug would, and return the exception it raises."""
    error = RuntimeError(f"cannot connect: {SECRET_DETAIL}")

    def boom():
        raise error

    app.add_url_rule(CRASH_URL, "flaskcourse_crash", boom)
    return error


def get_crash(client, call):
    __tracebackhide__ = True
    try:
        return client.get(CRASH_URL)
    except Exception as exc:
        fail("a 500 response for a view that raised", got=f"the exception escaped the app "
             f"({type(exc).__name__}: {exc}): Flask re-raises errors instead of answering when "
             "DEBUG, TESTING or PROPAGATE_EXCEPTIONS is on",
             request=f"GET {CRASH_URL} (a route the check adds that raises RuntimeError)\n{call}",
             help="Production must have DEBUG and TESTING off, so that errors become 500s.")


# ------------------------------------------------------------------------- the real server


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tail(text, lines=15):
    kept = text.strip().splitlines()[-lines:]
    return "\n".join(kept) if kept else "(nothing)"


class Server:
    def __init__(self, port, proc, out_path, err_path, env):
        self.port = port
        self.proc = proc
        self.out_path = out_path
        self.err_path = err_path
        self.url = f"http://127.0.0.1:{port}"
        shown = " ".join(f"{k}={v}" for k, v in env.items())
        self.command = (f"{shown} waitress-serve --listen=127.0.0.1:{port} --call app:create_app"
                        "\n(run in your lesson folder; APP_ENV and FLASK_DEBUG not set)")

    def stderr(self):
        return self.err_path.read_text(encoding="utf-8", errors="replace")

    def stdout(self):
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    def output(self):
        return f"stderr:\n{tail(self.stderr())}\nstdout:\n{tail(self.stdout(), 5)}"


# The child runs waitress's own command-line runner (what `waitress-serve` is), with the same
# network guard as the checks: loopback only.
CHILD = (
    "import sys\n"
    "from flaskcourse.checking import netguard\n"
    "netguard.install()\n"
    "from waitress.runner import run\n"
    "sys.exit(run(['waitress-serve', *sys.argv[1:]]))\n"
)


def _wait_until_listening(server):
    __tracebackhide__ = True
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.proc.poll() is not None:
            fail("waitress to start and serve the app",
                 got=f"the server stopped (exit code {server.proc.returncode}) before it "
                     f"listened. Its output:\n{server.output()}",
                 request=server.command, help=CONTRACT)
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=0.5):
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            fail(f"waitress to listen within {START_TIMEOUT:g} s",
                 got=f"nothing listening on port {server.port}. Its output so far:\n"
                     f"{server.output()}",
                 request=server.command,
                 help="Is something slow or blocking while app.py is imported or in create_app()?")
        time.sleep(POLL)


@contextmanager
def waitress(tmp_path, env):
    """Start the real server in the learner's folder; stop it whatever happens."""
    port = free_port()
    child_env = {k: v for k, v in os.environ.items()
                 if k not in WATCHED and not k.startswith("FLASK_")}
    child_env.update(env)
    child_env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    out_path, err_path = tmp_path / "server-stdout.txt", tmp_path / "server-stderr.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, f"--listen=127.0.0.1:{port}", "--call", "app:create_app"],
            cwd=learner.code_dir(), env=child_env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
        )
        try:
            server = Server(port, proc, out_path, err_path, env)
            _wait_until_listening(server)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def http_get(server, path):
    __tracebackhide__ = True
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment: this is loopback
    try:
        return session.get(server.url + path, timeout=5)
    except requests.RequestException as exc:
        fail(f"an answer to GET {path}", got=f"{type(exc).__name__}: {exc}\n{server.output()}",
             request=f"GET {server.url}{path}\n(server: {server.command})")
    finally:
        session.close()


# ---------------------------------------------------------------------------------- checks


def test_server_loader_gets_an_app_from_create_app(monkeypatch):
    """waitress's loader (app:create_app, called with no arguments) gets a Flask app"""
    server_app(monkeypatch, {"SECRET_KEY": ENV_SECRET})


def test_production_is_the_default_with_debug_and_testing_off(monkeypatch):
    """with APP_ENV unset, the app a server gets has debug and testing off"""
    app, call = production_app(monkeypatch)
    if app.debug or app.testing:
        fail("app.debug is False and app.testing is False", request=call,
             got=f"app.debug = {app.debug!r}, app.testing = {app.testing!r}",
             help="With DEBUG on, any error page is Werkzeug's interactive debugger: a Python "
                  "console for whoever caused the error. Set DEBUG = False and TESTING = False in "
                  "the production config, and make production what create_app() picks when "
                  "APP_ENV is not set.")


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    """with APP_ENV unset and no SECRET_KEY in the environment, create_app() refuses to start"""
    create_app, call = server_factory(monkeypatch, {})
    try:
        app = create_app()
    except Exception as exc:
        if "SECRET_KEY" not in f"{type(exc).__name__} {exc}":
            fail("create_app() to refuse with an error that names SECRET_KEY", request=call,
                 got=learner.describe_exception(exc, "create_app() raised"),
                 help="Whoever reads the server's log should learn at once what to set.")
        return
    key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
    fail("create_app() to refuse to start (raise an error naming SECRET_KEY)", request=call,
         got=f"an app that started with SECRET_KEY = {key!r}",
         help="No APP_ENV means production, and production takes its key only from the "
              "environment: no fallback value in the code (os.environ.get(\"SECRET_KEY\", "
              "\"dev\") is one), because a key in the code is a key everybody has.")


def test_production_takes_secret_key_from_the_environment(monkeypatch):
    """with APP_ENV=production, SECRET_KEY comes from the environment variable"""
    app, call = production_app(monkeypatch, APP_ENV="production")
    key = app.config.get("SECRET_KEY")
    if key != ENV_SECRET:
        fail(f"app.config[\"SECRET_KEY\"] == {ENV_SECRET!r} (the environment's value)",
             got=f"{key!r}", request=call,
             help="In production read it with os.environ.get(\"SECRET_KEY\") in create_app().")


def test_app_env_production_keeps_debug_off_despite_flask_debug(monkeypatch):
    """APP_ENV=production keeps debug off even when FLASK_DEBUG=1 is left in the environment"""
    app, call = production_app(monkeypatch, APP_ENV="production", FLASK_DEBUG="1")
    if app.debug:
        fail("app.debug is False", got=f"app.debug = {app.debug!r}", request=call,
             help="Flask takes its default for DEBUG from FLASK_DEBUG. A production config that "
                  "does not say DEBUG = False itself inherits whatever a forgotten shell "
                  "variable says.")


def test_development_starts_without_secret_key(monkeypatch):
    """APP_ENV=development starts without a SECRET_KEY and answers GET /health with 200"""
    app, call = server_app(monkeypatch, {"APP_ENV": "development"})
    response = app.test_client().get("/health")
    expect(response, after=[call]).status(200).json()


def test_flask_debug_without_app_env_means_development(monkeypatch):
    """FLASK_DEBUG=1 without APP_ENV (flask run --debug) starts in development, no SECRET_KEY needed"""
    app, call = server_app(monkeypatch, {"FLASK_DEBUG": "1"})
    response = app.test_client().get("/health")
    expect(response, after=[call]).status(200).json()


def test_production_logs_each_request_at_info(monkeypatch, emitted):
    """in production each request is logged at INFO or above with its method, path and status"""
    app, call = production_app(monkeypatch)
    emitted.clear()
    response = app.test_client().get("/health")
    expect(response, after=[call]).status(200)
    for record in emitted:
        message = record.getMessage()
        if (record.levelno >= logging.INFO and "/health" in message
                and re.search(r"\bGET\b", message) and re.search(r"\b200\b", message)):
            return
    level = logging.getLevelName(app.logger.getEffectiveLevel())
    fail("a log record at INFO or above naming GET, /health and 200",
         got=f"{show_records(emitted)}\n(app.logger's effective level is {level})",
         request=f"GET /health\n{call}",
         help="Log one line per request from an after_request hook, e.g. "
              "app.logger.info(\"%s %s %s\", request.method, request.path, "
              "response.status_code). Configure logging for production first: until you do, "
              "Python's loggers drop everything below WARNING.")


def test_unexpected_error_is_json_500_without_traceback(monkeypatch):
    """in production an unexpected exception answers a JSON 500 with no traceback or exception text"""
    app, call = production_app(monkeypatch)
    crash(app)
    response = get_crash(app.test_client(), call)
    e = expect(response, after=[call, "a route the check added that raises RuntimeError"])
    e.json_error(500, help="Register an error handler for Exception (or for 500) that returns "
                           "a JSON body.")
    e.lacks("Traceback", 'File "', SECRET_DETAIL, "RuntimeError")


def test_unexpected_error_is_logged_with_its_traceback(monkeypatch, emitted):
    """in production an unexpected exception is logged at ERROR with its traceback"""
    app, call = production_app(monkeypatch)
    error = crash(app)
    emitted.clear()
    get_crash(app.test_client(), call)
    for record in emitted:
        if record.levelno >= logging.ERROR and record.exc_info and record.exc_info[1] is error:
            return
    fail("a log record at ERROR or above carrying the exception (exc_info)",
         got=show_records(emitted),
         request=f"GET {CRASH_URL} (a route the check added that raises RuntimeError)\n{call}",
         help="The client gets a bland 500; the traceback belongs in the log. In the handler call "
              "app.logger.exception(\"...\"), which logs at ERROR with the traceback, or handle "
              "500 rather than Exception and let Flask log it for you.")


def test_waitress_serves_health(tmp_path):
    """the real waitress, started with --call app:create_app, answers GET /health with 200 JSON"""
    with waitress(tmp_path, {"SECRET_KEY": ENV_SECRET}) as server:
        response = http_get(server, "/health")
        request = f"GET {server.url}/health\n(server: {server.command})"
        if response.status_code != 200:
            fail("status 200", got=f"status {response.status_code}: {response.text[:300]}\n"
                 f"{server.output()}", request=request)
        try:
            response.json()
        except ValueError:
            fail("a JSON body", got=f"{response.headers.get('Content-Type')}: {response.text[:300]}",
                 request=request)


def _request_line(text):
    for line in text.splitlines():
        if ("/health" in line and re.search(r"\binfo\b", line, re.IGNORECASE)
                and re.search(r"\d{1,2}:\d{2}:\d{2}", line)):
            return line
    return None


def test_waitress_logs_requests_to_stderr(tmp_path):
    """under waitress, a request is logged to stderr in a line with the time, the level and the path"""
    with waitress(tmp_path, {"SECRET_KEY": ENV_SECRET}) as server:
        http_get(server, "/health")
        deadline = time.monotonic() + LOG_TIMEOUT
        while _request_line(server.stderr()) is None and time.monotonic() < deadline:
            time.sleep(POLL)
        if _request_line(server.stderr()) is not None:
            return
        help = ("Configure logging in create_app for production: a StreamHandler on stderr, "
                "level INFO, a format with %(asctime)s and %(levelname)s (dictConfig or "
                "basicConfig do all three).")
        if _request_line(server.stdout()) is not None or "/health" in server.stdout():
            help = ("The line went to stdout. Log to stderr, the stream Python's logging uses "
                    "by default and the one a server's diagnostics are collected from.")
        fail("a line on stderr with the time (hh:mm:ss), the level (INFO) and /health",
             got=server.output(),
             request=f"GET {server.url}/health\n(server: {server.command})", help=help)
