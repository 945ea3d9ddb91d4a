"""The pytest plugin every hidden check runs under (``-p flaskcourse.checking.plugin``).

It guards the process (no network, no ``app.run()`` or ``input()``), loads the learner's app
afresh for every check, offers the fixtures checks use, and reports each check as one event
to the runner.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from flaskcourse.checking import cheap_hashing, cheap_routing, ending, learner, netguard
from flaskcourse.checking.client import RecordingClient
from flaskcourse.checking.events import writer
from flaskcourse.checking.outcome import check_name, classify
from flaskcourse.checking.threads import ThreadErrors

TEST_SECRET_KEY = "flaskcourse-checks-secret-key-0123456789abcdef"
CHECK_TIMEZONE = "JST-9"
"""The local time zone of every check process (POSIX spelling: UTC+9, no daylight saving, no
tz database needed). Not UTC, so an app that takes the server's local time for UTC is caught;
and fixed, so a check gives the same result on every learner's machine."""
GRADES_TESTS = "grades_learner_tests"
"""The marker of checks that grade the learner's own tests (``checking.suite``) and never
load the learner's app: when every check of a run carries it, app.py is not imported first."""

_events = writer
announce_later = False
_phases: dict[str, dict[str, Any]] = {}
_thread_errors: dict[str, ThreadErrors] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("flaskcourse")
    group.addoption("--learner-dir", help="the lesson folder whose app the checks load")
    group.addoption("--shown-dir", help="the folder to name in messages (the learner's own)")


def point_at_learner(code: str | None, shown: str | None) -> None:
    """Name the folder the checks load (and the one messages show) to the whole process."""
    for value, env in ((code, learner.CODE_ENV), (shown, learner.SHOWN_ENV)):
        if value:
            os.environ[env] = str(Path(value).resolve())


def pytest_configure(config: pytest.Config) -> None:
    point_at_learner(config.getoption("learner_dir"), config.getoption("shown_dir"))
    # A child forked from a warm parent inherits the temporary folder the parent picked; the
    # checks' files (tmp_path, the learner's tempfile calls) belong in the run's own TMPDIR,
    # which the runner removes, not in the learner's.
    tempfile.tempdir = None
    os.environ["TZ"] = CHECK_TIMEZONE
    time.tzset()
    # A check's result is read from its exception (``outcome.classify``), never from pytest's
    # report of it; the default report parses the check module's source to show it, which cost
    # a failing check (most runs of `verify`) a third of its time. Plain Python tracebacks are
    # cheap, and still say all a course author needs when a check module does not import.
    config.option.tbstyle = "native"
    config.addinivalue_line("markers", f"{GRADES_TESTS}: this check runs the learner's tests "
                            "against the course's own apps; the learner's app.py is not loaded")
    learner.install_guards()
    netguard.install()
    cheap_hashing.install()
    cheap_routing.install()
    ending.install(_events)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Tell the runner the checks are over: a thread the learner left running could keep a
    fresh Python from exiting, and the runner need not wait for it."""
    _events.emit("finished")


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A check file that does not import is the course's fault: say why, since no terminal
    report prints it."""
    if report.failed:
        _events.emit("collect_error", nodeid=report.nodeid, detail=str(report.longrepr))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give each check a one-line failure report. A check's result is read from its exception
    (``outcome.classify``), never from pytest's report, whose traceback, formatted for every
    failing check, took a twentieth of the check processes' time in `verify`, where most runs
    fail. The learner's own tests (lesson 19) run in another pytest session, and keep pytest's
    reports."""
    for item in items:
        item._repr_failure_py = _one_line_report  # type: ignore[method-assign]


def _one_line_report(excinfo: pytest.ExceptionInfo[BaseException], style: str | None = None) -> str:
    return excinfo.exconly()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tell the runner which checks will run, and see that the learner's app loads at all.
    A prepared session (``flaskcourse.prepared``) collects once for many runs: it does this in
    each run instead, once the run has its folder and has kept the checks it asks for."""
    if announce_later:
        return
    _events.emit("collected", pid=os.getpid(), checks=[
        {"id": item.name, "nodeid": item.nodeid, "name": check_name(item)} for item in session.items
    ])
    if all(item.get_closest_marker(GRADES_TESTS) for item in session.items):
        return  # no items, or checks that never load the learner's app
    _events.emit("start", nodeid="preflight")
    try:
        module = learner.import_entry_module()
        if not any(isinstance(v, Flask) for v in vars(module).values()) and not any(
            callable(getattr(module, n, None)) for n in ("create_app", "make_app")
        ):
            raise learner.LoadFailure(
                f"{learner.ENTRY_MODULE}.py defines no Flask app: give it a module-level "
                "`app = Flask(__name__)` or a `create_app(config=None)` factory.",
                file=f"{learner.ENTRY_MODULE}.py",
            )
    except learner.LoadFailure as failure:
        _stop_on_load_failure(failure, session)
        session.items.clear()  # pytest would still run the first check before stopping
        return
    _events.emit("preflight_done")


def _stop_on_load_failure(failure: learner.LoadFailure, session: pytest.Session) -> None:
    """Tell the runner the app does not load, and run no further check."""
    _events.emit("load_error", message=failure.message, file=failure.file, line=failure.line,
                 detail=failure.detail)
    session.shouldstop = f"could not load the app: {failure.message}"


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    netguard.attempts.clear()
    _events.mark_output(nodeid)
    _events.emit("start", nodeid=nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    exc = call.excinfo.value if call.excinfo is not None else None
    _phases.setdefault(item.nodeid, {"item": item})[call.when] = (report, exc)
    return report


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    phases = _phases.pop(nodeid, {})
    item = phases.pop("item", None)
    if item is None:
        return
    errors = _thread_errors.pop(nodeid, None)
    result = classify(item, phases, list(netguard.attempts),
                      errors.described() if errors else None)
    _events.emit("result", nodeid=nodeid, result=result)


def base_config(folder: Path) -> dict[str, Any]:
    """The test configuration every app gets: testing on, errors as real 500s, temp paths."""
    uploads = folder / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    database = folder / "app.db"
    return {
        "TESTING": True,
        "PROPAGATE_EXCEPTIONS": False,
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE": str(database),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "UPLOAD_FOLDER": str(uploads),
    }


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Extra config for the lesson; a lesson's ``conftest.py`` overrides this fixture."""
    return {}


@pytest.fixture
def config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """The whole mapping handed to ``create_app`` (base test config, then the lesson's)."""
    return base_config(tmp_path) | app_config


@pytest.fixture
def make_app(config: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """Build another app: ``make_app(reimport=False, KEY=value)``; see ``learner.build_app``."""
    def build(*, reimport: bool = True, **overrides: Any) -> Flask:
        try:
            app = learner.build_app(config | overrides, reimport=reimport)
        except learner.LoadFailure as failure:
            _stop_on_load_failure(failure, request.session)
            raise
        app.test_client_class = RecordingClient
        return app
    return build


@pytest.fixture
def app(make_app: Any) -> Flask:
    """The learner's app, freshly imported and built with the test config."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> RecordingClient:
    """A test client whose responses know how to describe their request."""
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def cli(app: Flask) -> FlaskCliRunner:
    """Runs the learner's ``flask`` commands without a shell."""
    return app.test_cli_runner()


class Clock:
    """Time as the learner's code sees it: frozen, and moved only by the check.

    ``advance`` moves the wall clock (``time.time``, ``datetime.now``) and the monotonic clock
    (``time.monotonic``, ``time.perf_counter``) together; ``advance_wall`` and
    ``advance_monotonic`` move one alone, so code that measures a duration on the wall clock (or
    stamps a date with the monotonic one) is caught: a wall clock can jump, back or forward.
    """

    def __init__(self, frozen: Any) -> None:
        self._frozen = frozen
        self._monotonic = 10_000.0

    def advance(self, seconds: float) -> None:
        self.advance_wall(seconds)
        self.advance_monotonic(seconds)

    def advance_wall(self, seconds: float) -> None:
        self._frozen.tick(timedelta(seconds=seconds))

    def advance_monotonic(self, seconds: float) -> None:
        self._monotonic += seconds

    def monotonic(self) -> float:
        return self._monotonic

    def monotonic_ns(self) -> int:
        return int(self._monotonic * 1e9)

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def time(self) -> float:
        return time.time()


def _map_frozen_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Learner modules imported under the clock get freezegun's stand-in ``datetime`` class:
    let SQLAlchemy map it (a typed ``Mapped[datetime]`` column) as the real one."""
    import sys

    if "sqlalchemy" not in sys.modules:
        return
    from freezegun.api import FakeDate, FakeDatetime, real_date, real_datetime
    from sqlalchemy.sql import sqltypes

    monkeypatch.setitem(sqltypes._type_map, FakeDatetime, sqltypes._type_map[real_datetime])
    monkeypatch.setitem(sqltypes._type_map, FakeDate, sqltypes._type_map[real_date])


def _local_naive_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """freezegun's naive ``datetime.now()``, ``today()`` and ``fromtimestamp()`` give UTC, and
    its naive ``timestamp()`` reads UTC, where Python's give and read the local time: make them
    local, as Python's are, so a check sees the same app frozen or not (``CHECK_TIMEZONE``)."""
    from freezegun.api import (FakeDate, FakeDatetime, date_to_fakedate,
                               datetime_to_fakedatetime, real_datetime)

    real_now, real_fromtimestamp = FakeDatetime.now.__func__, FakeDatetime.fromtimestamp.__func__
    real_timestamp = FakeDatetime.timestamp

    def frozen_epoch() -> float | None:
        frozen = FakeDatetime._time_to_freeze()
        return None if frozen is None else frozen.replace(tzinfo=timezone.utc).timestamp()

    def now(cls: type, tz: Any = None) -> Any:
        epoch = frozen_epoch()
        if tz is not None or epoch is None:
            return real_now(cls, tz)
        return datetime_to_fakedatetime(real_datetime.fromtimestamp(epoch))

    def fromtimestamp(cls: type, t: float, tz: Any = None) -> Any:
        if tz is not None:
            return real_fromtimestamp(cls, t, tz)
        return datetime_to_fakedatetime(real_datetime.fromtimestamp(t))

    def timestamp(self: Any) -> float:
        return real_datetime.timestamp(self) if self.tzinfo is None else real_timestamp(self)

    monkeypatch.setattr(FakeDatetime, "now", classmethod(now))
    monkeypatch.setattr(FakeDatetime, "today", classmethod(lambda cls: now(cls)))
    monkeypatch.setattr(FakeDatetime, "fromtimestamp", classmethod(fromtimestamp))
    monkeypatch.setattr(FakeDatetime, "timestamp", timestamp)
    monkeypatch.setattr(FakeDate, "today",
                        classmethod(lambda cls: date_to_fakedate(now(FakeDatetime).date())))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """Freeze the wall and the monotonic clock; ``clock.advance(s)`` moves both,
    ``advance_wall``/``advance_monotonic`` one of them."""
    from freezegun import freeze_time

    _map_frozen_dates(monkeypatch)
    _local_naive_times(monkeypatch)

    freezer = freeze_time(datetime.now(timezone.utc), tick=False, ignore=["_pytest", "pluggy"])
    frozen = freezer.start()
    made = Clock(frozen)
    # freezegun drives the monotonic clock from the wall one; give it its own, which freezegun's
    # stop() puts back to the real functions along with its own.
    time.monotonic, time.perf_counter = made.monotonic, made.monotonic
    time.monotonic_ns, time.perf_counter_ns = made.monotonic_ns, made.monotonic_ns
    try:
        yield made
    finally:
        freezer.stop()


@pytest.fixture(autouse=True)
def thread_errors(request: pytest.FixtureRequest) -> Iterator[ThreadErrors]:
    """What the learner's threads raise during the check, recorded instead of printed, and
    added to the check's failure message."""
    import threading

    errors = ThreadErrors()
    _thread_errors[request.node.nodeid] = errors
    previous = threading.excepthook
    threading.excepthook = errors.hook
    try:
        yield errors
    finally:
        threading.excepthook = previous


@pytest.fixture
def mock_http() -> Iterator[Any]:
    """``responses`` in force: outside HTTP calls made with requests meet the check's mocks."""
    import responses

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
