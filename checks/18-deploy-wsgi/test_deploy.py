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
from flaskcourse.checking.payloads import bad_bodies, bad_fields

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


def message_of(record):
    """The record's message, or None when it cannot be formatted (msg and args do not match:
    logging then prints "--- Logging error ---" instead of the line)."""
    try:
        return record.getMessage()
    except Exception:
        return None


def show_records(records, limit=8):
    if not records:
        return "no log record at all"
    lines = [f"{r.levelname} [{r.name}] "
             + (message_of(r) if message_of(r) is not None else f"(cannot be formatted: msg={r.msg!r}, args={r.args!r})")
             for r in records[-limit:]]
    lines = [line[:160] for line in lines]
    return "these log records:\n" + "\n".join(lines)


def crash(app):
    """Add a route that fails like a real bug would, and return the exception it raises."""
    error = RuntimeError(f"cannot connect: {SECRET_DETAIL}")

    def boom():
        raise error

    app.add_url_rule(CRASH_URL, "flaskcourse_crash", boom)
    return error


def get_crash(client, call, url=CRASH_URL):
    __tracebackhide__ = True
    try:
        return client.get(url)
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


def test_importing_app_builds_no_app(monkeypatch):
    """importing app.py needs nothing in the environment: the app is built by create_app(), not at import"""
    fresh_logging()
    for name in WATCHED:
        monkeypatch.delenv(name, raising=False)
    try:
        learner.import_entry_module()
    except learner.LoadFailure as failure:
        fail("app.py to import with nothing set in the environment", got=failure.message,
             request="python -c \"import app\"\n(not set: APP_ENV, SECRET_KEY, FLASK_DEBUG)",
             help="Build the app only inside create_app(). A module-level `app = create_app()` "
                  "runs at import, so the import itself needs a SECRET_KEY, and tests cannot "
                  "build apps with their own config. waitress-serve --call app:create_app "
                  "needs no module-level app.")


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
    setups = ({}, {"APP_ENV": ""}, {"FLASK_DEBUG": "0"}, {"FLASK_DEBUG": "false"},
              {"APP_ENV": "production"}, {"APP_ENV": "production", "FLASK_DEBUG": "1"},
              {"SECRET_KEY": ""}, {"APP_ENV": "production", "SECRET_KEY": ""})
    for env in setups:
        create_app, call = server_factory(monkeypatch, env)
        try:
            app = create_app()
        except Exception as exc:
            if "SECRET_KEY" not in f"{type(exc).__name__} {exc}":
                fail("create_app() to refuse with an error that names SECRET_KEY", request=call,
                     got=learner.describe_exception(exc, "create_app() raised"),
                     help="Whoever reads the server's log should learn at once what to set.")
            continue
        key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
        fail("create_app() to refuse to start (raise an error naming SECRET_KEY)", request=call,
             got=f"an app that started with SECRET_KEY = {key!r} "
                 f"(app.debug = {getattr(app, 'debug', None)!r})",
             help="No APP_ENV (or an empty one) means production unless FLASK_DEBUG is on, and "
                  "FLASK_DEBUG=0 or false is off (flask.helpers.get_debug_flag() reads it so). "
                  "A set APP_ENV decides on its own: FLASK_DEBUG is asked only when APP_ENV is "
                  "not set, so APP_ENV=production stays production whatever FLASK_DEBUG says. "
                  "Production takes its key only from the environment, and an empty one is no "
                  "key: no fallback value in the code (os.environ.get(\"SECRET_KEY\", \"dev\") "
                  "is one), because a key in the code is a key everybody has.")


def run_python(args, env, timeout=START_TIMEOUT):
    """Run the interpreter in the learner's folder with only ``env`` of the watched variables."""
    child_env = {k: v for k, v in os.environ.items()
                 if k not in WATCHED and not k.startswith("FLASK_") and k != "PYTHONOPTIMIZE"}
    child_env.update(env)
    child_env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    try:
        return subprocess.run([sys.executable, *args], cwd=learner.code_dir(), env=child_env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                              text=True, errors="replace")
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(exc.cmd, None, exc.stdout or "", exc.stderr or "")


GUARDED = ("from flaskcourse.checking import netguard\n"
           "netguard.install()\n")


def test_refusal_survives_python_optimize():
    """under python -O (asserts removed), create_app() without SECRET_KEY still refuses to start"""
    script = GUARDED + "import app\napp.create_app()\nprint('create_app() returned an app')\n"
    done = run_python(["-O", "-c", script], {})
    request = ("python -O -c \"import app; app.create_app()\"\n(in your lesson folder; not set: "
               "APP_ENV, SECRET_KEY, FLASK_DEBUG)")
    if done.returncode != 0 and "SECRET_KEY" in done.stderr:
        return
    help = ("Refuse with `raise RuntimeError(...)`, not `assert`: python -O (or PYTHONOPTIMIZE=1, "
            "which some container images and service files set) removes every assert statement, "
            "and the refusal goes with it.")
    if done.returncode is None:
        got = f"no exit within {START_TIMEOUT:g} s"
    elif done.returncode == 0:
        got = "it exited normally: create_app() returned an app"
    else:
        got = f"exit code {done.returncode}, but no error naming SECRET_KEY"
    fail("an error naming SECRET_KEY (a non-zero exit)",
         got=f"{got}. Its output:\nstderr:\n{tail(done.stderr)}\nstdout:\n{tail(done.stdout, 5)}",
         request=request, help=help)


def test_unknown_app_env_refuses_to_start(monkeypatch):
    """an APP_ENV other than production or development (prod, Production, testing) refuses to start"""
    for value in ("prod", "Production", "staging", "production ", "testing"):
        create_app, call = server_factory(monkeypatch, {"APP_ENV": value, "SECRET_KEY": ENV_SECRET})
        try:
            app = create_app()
        except Exception as exc:
            if "APP_ENV" not in f"{type(exc).__name__} {exc}":
                fail("create_app() to refuse with an error that names APP_ENV", request=call,
                     got=learner.describe_exception(exc, "create_app() raised"),
                     help="Say what was wrong and what is allowed: APP_ENV must be production "
                          "or development.")
            continue
        env = app.config.get("APP_ENV") or app.config.get("ENV") if isinstance(app, Flask) else None
        fail(f"create_app() to refuse to start: APP_ENV={value!r} is not a name it knows",
             request=call,
             got=f"an app that started (app.debug = {getattr(app, 'debug', None)!r}"
                 + (f", APP_ENV in its config = {env!r})" if env else ")"),
             help="Compare APP_ENV exactly with the two names, production and development, and "
                  "raise for anything else: a typo must stop the app, not pick some config for "
                  "it. A TestingConfig kept from lesson 12 is a third name a server would take; "
                  "tests hand their settings in the config mapping instead.")


MAPPING_SECRET = "from-the-mapping-8e6c4a2f0d1b3e5c7a9f2d4b6e8c0a1f"


def expect_the_mapping_key(monkeypatch, environ, help, raised_help=None,
                           expected="create_app(config) to return the app"):
    """Build a server's app with ``environ`` and {"SECRET_KEY": MAPPING_SECRET} as the mapping:
    the app must start, and keep the mapping's key."""
    __tracebackhide__ = True
    create_app, call = server_factory(monkeypatch, environ)
    call = call.replace("app.create_app()", f"app.create_app({{'SECRET_KEY': {MAPPING_SECRET!r}}})")
    try:
        app = create_app({"SECRET_KEY": MAPPING_SECRET})
    except Exception as exc:
        fail(expected, request=call, got=learner.describe_exception(exc, "create_app raised"),
             help=raised_help or help)
    key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
    if key != MAPPING_SECRET:
        fail(f"app.config[\"SECRET_KEY\"] == {MAPPING_SECRET!r}, the mapping's", got=repr(key),
             request=call, help=help)


def test_config_mapping_is_laid_on_top(monkeypatch):
    """the config mapping is laid on top: its SECRET_KEY wins over the environment's"""
    expect_the_mapping_key(monkeypatch, {"SECRET_KEY": ENV_SECRET}, raised_help=CONTRACT, help=(
        "Lay the mapping on top last: read the environment first, then "
        "app.config.from_mapping(config), so tests decide."))


def test_config_mapping_key_needs_no_environment_key(monkeypatch):
    """with no SECRET_KEY in the environment, a SECRET_KEY in the config mapping is enough to start"""
    expect_the_mapping_key(monkeypatch, {}, expected=(
        "create_app(config) to return the app, with the mapping's SECRET_KEY"), help=(
        "A key handed in the config mapping is a key: lay the mapping on top first, then "
        "check that SECRET_KEY is set. Tests hand their own key this way and need none in "
        "the environment."))


def test_create_app_reads_the_environment_on_each_call(monkeypatch):
    """create_app() reads SECRET_KEY from the environment each time it is called, not at import"""
    create_app, call = server_factory(monkeypatch, {})
    help = ("Read os.environ inside create_app(), on every call: not in a class body or at module "
            "level (that runs once, when the module is imported), and not into a default "
            "argument (a `config={}` default is one dict shared by every call, so the first "
            "call's key stays in it). Tests set the environment, build an app, change it and "
            "build another.")
    steps = ["python -c \"import app\" (nothing set in the environment), then in the same process:"]
    for key in ("first-key-0b6d8f1a3c5e7a9b2d4f6e8c0a1b3d5f", "second-key-7e5c3a1f9d8b6a4c2e0f1d3b5a7c9e8d",
                None):
        if key is None:
            monkeypatch.delenv("SECRET_KEY", raising=False)
            steps.append("del os.environ[\"SECRET_KEY\"]; app.create_app()")
        else:
            monkeypatch.setenv("SECRET_KEY", key)
            steps.append(f"os.environ[\"SECRET_KEY\"] = {key!r}; app.create_app()")
        request = "\n".join(steps)
        try:
            app = create_app()
        except Exception as exc:
            if key is None and "SECRET_KEY" in f"{type(exc).__name__} {exc}":
                return
            fail("create_app() to refuse with an error naming SECRET_KEY" if key is None
                 else f"create_app() to return an app with SECRET_KEY = {key!r}", request=request,
                 got=learner.describe_exception(exc, "create_app() raised"), help=help)
        got = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
        if key is None:
            fail("create_app() to refuse to start: SECRET_KEY is no longer in the environment",
                 got=f"an app that started with SECRET_KEY = {got!r}", request=request, help=help)
        if got != key:
            fail(f"app.config[\"SECRET_KEY\"] == {key!r}, what the environment says now",
                 got=repr(got), request=request, help=help)


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
    """FLASK_DEBUG=1 or true without APP_ENV (flask run --debug) starts in development, no SECRET_KEY needed"""
    for value in ("1", "true"):
        create_app, call = server_factory(monkeypatch, {"FLASK_DEBUG": value})
        try:
            app = create_app()
        except Exception as exc:
            fail("create_app() to start in development, without a SECRET_KEY", request=call,
                 got=learner.describe_exception(exc, "create_app() raised"),
                 help="FLASK_DEBUG is on for 1 and for true (and anything but 0, false, no or "
                      "empty): read it with flask.helpers.get_debug_flag(), as Flask does, "
                      "rather than comparing it with \"1\" yourself.")
        if not isinstance(app, Flask):
            fail("create_app() to return the Flask app", got=f"it returned {type(app).__name__}",
                 request=call, help="End the factory with `return app`.")
        response = app.test_client().get("/health")
        expect(response, after=[call]).status(200).json()


def test_production_logs_each_request_at_info(monkeypatch, emitted):
    """in production each request, 404s too, is logged at INFO or above with its method, path and status"""
    app, call = production_app(monkeypatch)
    client = app.test_client()
    for path, status in (("/health", 200), ("/widgets/99", 404),
                         ("/no-such-page-flaskcourse", 404)):
        emitted.clear()
        response = client.get(path)
        expect(response, after=[call]).status(status)
        if any(record.levelno >= logging.INFO and path in (message_of(record) or "")
               and re.search(r"\bGET\b", message_of(record))
               and re.search(rf"\b{status}\b", message_of(record)) for record in emitted):
            continue
        level = logging.getLevelName(app.logger.getEffectiveLevel())
        help = ("Log one line per request from an after_request hook, e.g. "
                "app.logger.info(\"%s %s %s\", request.method, request.path, "
                "response.status_code). Configure logging for production first: until you do, "
                "Python's loggers drop everything below WARNING.")
        if status != 200:
            help = ("Every request gets its line, the failed ones too: a 404 is exactly what you "
                    "will look for in the log. Log from the app's own after_request hook, for "
                    "every status (a blueprint's after_request sees only the blueprint's routes, "
                    "never an unknown URL).")
        fail(f"a log record at INFO or above naming GET, {path} and {status}",
             got=f"{show_records(emitted)}\n(app.logger's effective level is {level})",
             request=f"GET {path}\n{call}", help=help)


def test_request_log_leaves_out_the_query_string(monkeypatch, emitted):
    """in production no log record holds the query string, not even an error's"""
    app, call = production_app(monkeypatch)
    crash(app)
    client = app.test_client()
    secret = "flaskcourse-s3cret-token"
    for path, status in (("/health", 200), ("/no-such-page-flaskcourse", 404), (CRASH_URL, 500)):
        emitted.clear()
        url = f"{path}?token={secret}"
        request = f"GET {url}" + (" (a route the check added that raises RuntimeError)"
                                  if path == CRASH_URL else "")
        response = get_crash(client, call, url) if path == CRASH_URL else client.get(url)
        expect(response, after=[call]).status(status)
        leaked = [r for r in emitted if secret in (message_of(r) or f"{r.msg} {r.args}")]
        if leaked:
            fail("no log record holding the query string (the token)",
                 got=show_records(leaked), request=f"{request}\n{call}",
                 help="Log request.path (\"/health\"), not request.full_path or request.url, in "
                      "every line: the request line and the error handler's alike. Query "
                      "strings sometimes carry tokens, and more people read logs than the "
                      "database.")


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
        if (record.levelno >= logging.ERROR and record.exc_info and record.exc_info[1] is error
                and message_of(record) is not None):
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
            lines = [line for line in server.stderr().splitlines() if "/health" in line]
            if len(lines) > 1:
                fail("the request's log line on stderr exactly once",
                     got=f"{len(lines)} lines for one request:\n" + "\n".join(lines[:4]),
                     request=f"GET {server.url}/health\n(server: {server.command})",
                     help="Configure logging first thing in create_app, before app.logger is "
                          "used: once it has been, Flask has added its own handler, and every "
                          "line goes out through it and through yours.")
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


def test_second_app_in_a_process_logs_each_line_once():
    """an app built by the second create_app() call in one process still logs each request to stderr once"""
    script = GUARDED + (
        "import app\n"
        "app.create_app().test_client().get('/widgets')\n"
        "app.create_app().test_client().get('/health')\n"
    )
    done = run_python(["-c", script], {"SECRET_KEY": ENV_SECRET})
    request = ("SECRET_KEY=... python -c \"import app; "
               "app.create_app().test_client().get('/widgets'); "
               "app.create_app().test_client().get('/health')\"\n(in your lesson folder; what a "
               "test suite does: several apps in one process)")
    if done.returncode != 0:
        fail("the script to run: two apps built, one request to the second",
             got=f"exit code {done.returncode}. Its output:\nstderr:\n{tail(done.stderr)}",
             request=request, help=CONTRACT)
    lines = [line for line in done.stderr.splitlines() if "/health" in line]
    if len(lines) > 1:
        fail("the request's line on stderr once",
             got=f"{len(lines)} lines for one request:\n" + "\n".join(lines[:4]),
             request=request,
             help="Configuring logging must replace what an earlier call set up, not add to it: "
                  "dictConfig (or basicConfig(force=True)) replaces the root logger's handlers; "
                  "a bare addHandler in create_app adds one more copy of every line per app "
                  "built.")
    if not lines:
        fail("the request's line on stderr once",
             got=f"no line naming /health on stderr. Its output:\nstderr:\n{tail(done.stderr)}"
                 f"\nstdout:\n{tail(done.stdout, 5)}",
             request=request,
             help="The second app's request line never reached stderr. In production log each "
                  "request to stderr, from every app create_app() builds. A dictConfig without "
                  "\"disable_existing_loggers\": False switches off every logger that exists "
                  "when it runs: at the second call that is the app's own logger (and, under "
                  "waitress, waitress's).")


# -------------------------------------------------------------------------------- the API

PROBLEM_HELP = ("widgets.py and errors.py ship working: every error is a problem-details "
                "document, a JSON object with status, title and detail.")


def expect_problem(response, status, after, help=None):
    """An error answer as the lesson's API sends it: the status, problem+json, the three keys."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    body = e.json_error(status, help=help or PROBLEM_HELP)
    e.that(all(k in body for k in ("status", "title", "detail")) and body.get("status") == status,
           f"a problem document with status {status}, a title and a detail", got=repr(body),
           help=PROBLEM_HELP)
    return body


def test_widgets_are_created_listed_and_read(monkeypatch):
    """POST /widgets answers 201 with ids from 1; GET /widgets lists them and GET /widgets/<id> reads one"""
    app, call = production_app(monkeypatch)
    client = app.test_client()
    after = [call]
    made = []
    for name in ("Sprocket", "Gear"):
        response = client.post("/widgets", json={"name": name})
        e = expect(response, after=after).status(201)
        widget = e.json()
        wanted = {"id": len(made) + 1, "name": name}
        e.that(widget == wanted, f"the new widget {wanted}",
               help="Ids count 1, 2, 3... in each app, and the widget is answered as stored.")
        made.append(widget)
        after.append(response)
    listed = client.get("/widgets")
    expect(listed, after=after).status(200).json_equals(made)
    one = client.get("/widgets/2")
    expect(one, after=after).status(200).json_equals(made[1])
    # The same create_app again, in the same process and without importing app.py afresh: what
    # a test suite does. A store kept at module level would show the first app's widgets.
    again = [*after, "a second app from the same create_app(), in the same process"]
    other = pkgutil.resolve_name("app:create_app")().test_client()
    store_help = ("Ids count 1, 2, 3... in each app: every app built by create_app() gets a store "
                  "of its own (made in create_app, e.g. app.extensions[\"widgets\"]), not one "
                  "shared at module level.")
    listed = other.get("/widgets")
    e = expect(listed, after=again).status(200)
    e.that(e.json() == [], "[] (the second app has no widgets yet)", help=store_help)
    response = other.post("/widgets", json={"name": "Cog"})
    e = expect(response, after=again).status(201)
    e.that(e.json() == {"id": 1, "name": "Cog"}, "the new widget {'id': 1, 'name': 'Cog'}",
           help=store_help)


def test_unknown_widget_and_unknown_url_are_404_problems(monkeypatch):
    """GET /widgets/99 and an unknown URL answer 404 problem details"""
    app, call = production_app(monkeypatch)
    client = app.test_client()
    expect_problem(client.get("/widgets/99"), 404, [call])
    expect_problem(client.get("/no-such-page-flaskcourse"), 404, [call])


def test_wrong_method_is_a_405_problem_with_allow(monkeypatch):
    """DELETE /widgets answers a 405 problem document that keeps the Allow header"""
    app, call = production_app(monkeypatch)
    response = app.test_client().delete("/widgets")
    expect_problem(response, 405, [call])
    allow = response.headers.get("Allow", "")
    expect(response, after=[call]).that(
        "GET" in allow and "POST" in allow, "an Allow header naming GET and POST",
        got=f"Allow: {allow}" if allow else "no Allow header",
        help="A 405 must say which methods work: copy error.get_headers() (but not its "
             "Content-Type) onto the problem response.")


def test_bad_widget_bodies_and_names_get_422(monkeypatch):
    """POST /widgets answers 422 for a body that is not an object, a bad name, or one over 40 characters"""
    app, call = production_app(monkeypatch)
    client = app.test_client()
    cases = list(bad_fields({"name": "Sprocket"}, "name")) + [
        case for case in bad_bodies({"name": "Sprocket"}) if "text/plain" not in case[0]]
    cases.append(("a name of 41 characters", {"json": {"name": "N" * 41}}))
    for label, kwargs in cases:
        expect_problem(client.post("/widgets", **kwargs), 422, [call],
                       help=f"Sent: {label}. " + PROBLEM_HELP)
    response = client.post("/widgets", json={"name": "L" * 40})
    expect(response, after=[call]).status(201, help="A name of 40 characters is within the limit.")
    listed = client.get("/widgets").get_json()
    expect(response, after=[call]).that(
        isinstance(listed, list) and len(listed) == 1, "only the 40-character widget stored",
        got=f"GET /widgets gives {listed!r}")
