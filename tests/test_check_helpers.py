"""The helpers checks use for what a plain request does not show: spies, races, clocks,
bad payloads, traversal and redirect probes, and the app inspector."""

from __future__ import annotations

import os
import threading
import time
import types

import pytest
from flask import Flask, request

from flaskcourse.checking.failure import CheckFailure
from flaskcourse.checking.inspect_app import places_holding, routes
from flaskcourse.checking.payloads import bad_bodies, bad_fields, bad_integers
from flaskcourse.checking.races import interleave
from flaskcourse.checking.redirects import TRICKS, browser_view, leaves_site
from flaskcourse.checking.spy import spy_on
from flaskcourse.checking.traversal import escapes, longer_names


def strict_app() -> Flask:
    """Wants {"title": a non-blank string}; 400 for anything else."""
    app = Flask(__name__)

    @app.post("/items")
    def create():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("title"), str) or not data["title"].strip():
            return {"error": "title"}, 400
        return {"title": data["title"]}, 201

    return app


def test_every_bad_field_and_body_is_refused_by_a_strict_app_and_labelled() -> None:
    client = strict_app().test_client()
    cases = [*bad_fields({"title": "x"}, "title"), *bad_bodies({"title": "x"})]
    labels = [label for label, _ in cases]
    assert len(labels) == len(set(labels)) >= 20
    assert "title is only spaces" in labels and "bytes that are not UTF-8, marked as JSON" in labels
    for label, kwargs in cases:
        assert client.post("/items", **kwargs).status_code == 400, label
    assert client.post("/items", json={"title": "x"}).status_code == 201


def test_a_lax_app_is_caught_by_some_bad_payload() -> None:
    app = Flask(__name__)

    @app.post("/items")
    def create():
        data = request.get_json(silent=True) or {}
        return ({"error": "title"}, 400) if "title" not in data else ({}, 201)

    client = app.test_client()
    let_through = [label for label, kwargs in bad_fields({"title": "x"}, "title")
                   if client.post("/items", **kwargs).status_code == 201]
    assert "title is an empty string" in let_through and "title is null" in let_through


def test_bad_integers_are_not_whole_numbers() -> None:
    for label, value in bad_integers("limit"):
        with pytest.raises(ValueError):
            int(value)
        assert label.startswith("limit is ")


def test_a_spy_counts_calls_made_during_a_request_and_fails_in_words() -> None:
    hashing = types.SimpleNamespace(check=lambda pw: pw == "right")
    app = Flask(__name__)

    @app.post("/login")
    def login():
        user = request.form.get("user")
        if user != "ada":
            return "no", 401  # no decoy check: an unknown user answers faster
        return ("ok", 200) if hashing.check(request.form["pw"]) else ("no", 401)

    with spy_on(hashing, "check") as spy:
        client = app.test_client()
        assert client.post("/login", data={"user": "ada", "pw": "right"}).status_code == 200
        spy.expect_calls(1, why="")
        spy.reset()
        client.post("/login", data={"user": "grace", "pw": "x"})
        with pytest.raises(CheckFailure) as failure:
            spy.expect_calls(1, request="POST /login (an unknown user)", why="Check a decoy hash.")
    assert failure.value.expected.startswith("SimpleNamespace.check to be called 1 time")
    assert failure.value.got == "0 calls"
    assert hashing.check("right") and hashing.check is spy.original


def make_counter(locked: bool) -> tuple[Flask, types.SimpleNamespace]:
    """A "one use per code" endpoint: looks at the store, then sets it."""
    store = types.SimpleNamespace(used=set(), lock=threading.Lock(), look=lambda code: code in store.used)
    app = Flask(__name__)

    @app.post("/redeem/<code>")
    def redeem(code):
        def step():
            if store.look(code):
                return "used", 409
            store.used.add(code)
            return "ok", 200
        if locked:
            with store.lock:
                return step()
        return step()

    return app, store


@pytest.mark.parametrize("locked", [False, True])
def test_interleave_holds_the_first_request_between_look_and_set(locked: bool) -> None:
    app, store = make_counter(locked)
    client = app.test_client()
    race = interleave(lambda: client.post("/redeem/A"), lambda: client.post("/redeem/A"),
                      pause_in=(store, "look"), wait=0.3)
    assert race.held
    statuses = sorted([race.first.status_code, race.second.status_code])
    assert statuses == ([200, 409] if locked else [200, 200])


def test_a_race_whose_pause_point_is_never_reached_says_so() -> None:
    app, store = make_counter(False)
    client = app.test_client()
    race = interleave(lambda: client.get("/nowhere"), lambda: None, pause_in=(store, "look"), wait=0.1)
    assert not race.held and race.first.status_code == 404


def test_redirect_tricks_all_leave_the_site_as_a_browser_reads_them() -> None:
    left = {label for label, value in TRICKS if leaves_site(value)}
    assert {"a tab between the slashes", "a backslash", "three slashes", "a scheme with no slashes",
            "userinfo before the host", "a javascript: URL"} <= left
    assert browser_view("/\t/evil.example/x") == "//evil.example/x"
    for local in ("/dashboard?tab=2", "/", "/a//b", "http://localhost/x"):
        assert not leaves_site(local), local


def test_traversal_spellings_all_name_the_file_and_longer_names_contain_the_name() -> None:
    spelled = dict(escapes("app.py"))
    assert spelled["plain ../"] == "../../../app.py"
    assert spelled["slashes encoded (..%2F)"] == "..%2F..%2F..%2Fapp.py"
    assert all(v.endswith(("app.py", "passwd")) for v in spelled.values())
    assert all("read" in n and n != "read" for n in longer_names("read"))


def test_the_inspector_lists_routes_and_finds_a_kept_secret(tmp_path, monkeypatch) -> None:
    from flaskcourse.checking import learner

    monkeypatch.setenv(learner.CODE_ENV, str(tmp_path))
    monkeypatch.setenv(learner.SHOWN_ENV, str(tmp_path))
    app = Flask(__name__)
    app.config["USERS"] = {"ada": {"password": "hunter2-plain"}}
    app.extensions["vault"] = types.SimpleNamespace(cache=[b"token-123"])

    @app.route("/x", methods=["GET", "POST"])
    def x():
        return ""

    assert ("/x", frozenset({"GET", "POST"})) in routes(app)
    assert places_holding(app, "hunter2-plain") == ["app.config['USERS']['ada']['password']"]
    assert places_holding(app, "hunter2-plain", ignoring=("USERS",)) == []
    assert places_holding(app, "token-123") == ["app.extensions['vault'].cache[0]"]
    assert places_holding(app, "nowhere") == []


CLOCK_CHECKS = '''
import time

def deep(n, read):
    # freezegun hands real time to callers within a few frames of pytest's own: the learner's
    # code always runs deeper than that, under Flask's test client.
    return read() if n == 0 else deep(n - 1, read)

def test_clocks(clock):
    wall, mono = deep(8, time.time), time.monotonic()
    clock.advance_monotonic(30)
    assert deep(8, time.time) == wall and time.monotonic() == mono + 30
    clock.advance_wall(-3600)
    assert round(deep(8, time.time) - wall) == -3600 and time.monotonic() == mono + 30
    clock.advance(5)
    assert round(deep(8, time.time) - wall) == -3595 and time.monotonic() == mono + 35
    assert time.perf_counter() == time.monotonic()
'''


def test_the_clock_moves_wall_and_monotonic_time_together_or_apart(tmp_path) -> None:
    import subprocess
    import sys

    (tmp_path / "test_clock.py").write_text(CLOCK_CHECKS, encoding="utf-8")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "flaskcourse.checking.plugin",
                           "--learner-dir", str(tmp_path), str(tmp_path / "test_clock.py")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert time.monotonic() > 0


LOCAL_TIME_CHECKS = '''
import time
import datetime as dt
from datetime import timezone

def deep(n, read):
    return read() if n == 0 else deep(n - 1, read)

def times():
    # As the learner's code sees them: its modules are imported under the clock, so their
    # names are freezegun's when the clock is frozen.
    return (dt.datetime.now(), dt.datetime.now(timezone.utc), dt.datetime.utcnow(),
            dt.date.today(), time.localtime())

def compare(local, aware, utc, today, struct):
    datetime = dt.datetime
    assert abs((local - utc).total_seconds() - 9 * 3600) < 2
    assert abs(local.timestamp() - aware.timestamp()) < 2
    assert abs((datetime.fromtimestamp(aware.timestamp()) - local).total_seconds()) < 2
    assert abs((local.astimezone(timezone.utc) - aware).total_seconds()) < 2
    assert today == local.date() and struct.tm_hour == local.hour

def test_a_check_runs_nine_hours_east_of_utc():
    assert time.timezone == -9 * 3600
    compare(*deep(8, times))

def test_the_frozen_clock_keeps_local_time_local(clock):
    clock.advance_wall(16 * 3600)  # across a date line, somewhere
    compare(*deep(8, times))
'''


def test_checks_run_in_a_fixed_zone_that_is_not_utc_frozen_or_not(tmp_path) -> None:
    """An app that takes the server's local time for UTC must fail on every machine, and a
    frozen clock must not hide it: naive now(), today(), fromtimestamp() and timestamp() are
    local under the clock too, as they are in Python."""
    import subprocess
    import sys

    (tmp_path / "test_local.py").write_text(LOCAL_TIME_CHECKS, encoding="utf-8")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "flaskcourse.checking.plugin",
                           "--learner-dir", str(tmp_path), str(tmp_path / "test_local.py")],
                          capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "TZ": "UTC"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_a_spy_on_the_monotonic_clock_does_not_recurse() -> None:
    with spy_on(time, "monotonic") as spy:
        time.monotonic()
    assert spy.count == 1 and time.monotonic is spy.original


def test_the_inspector_passes_over_proxies_with_nothing_behind_them(tmp_path, monkeypatch) -> None:
    import sys

    from flask import current_app

    from flaskcourse.checking import learner

    monkeypatch.setenv(learner.CODE_ENV, str(tmp_path))
    monkeypatch.setenv(learner.SHOWN_ENV, str(tmp_path))
    module = types.ModuleType("learner_module")
    module.__file__ = str(tmp_path / "learner_module.py")
    module.holder = types.SimpleNamespace(app=current_app, secret="s3cret")
    monkeypatch.setitem(sys.modules, "learner_module", module)
    assert places_holding(Flask(__name__), "s3cret") == ["learner_module (module)['holder'].secret"]
