"""Grade the learner's own tests: run them against apps the course holds, with a bug planted in
each, and count the bugs they catch.

In a lesson where the learner writes the tests, the app is the course's. The checks run the
learner's ``tests/`` folder against:

- the **reference**, the app the learner was given: every test must pass there;
- the reference again with the tests in **reverse** order: a test that needs another to run
  first fails there;
- a **neutral** app that behaves exactly like the reference with its code written differently:
  a test that fails there judges the code, not the behaviour (it reads the source, say);
- one **bug** app per planted bug, each the neutral app with one realistic mistake. The bugs
  are planted in the neutral app, not the reference, so a test that compares source text with
  the reference's fails on the neutral app too and earns nothing. (A determined reader of the
  code, one that counts ``commit()`` calls, is not stopped; it tests no behaviour either, and
  the lesson text says so.)

The credit rule: a bug is caught by a test that passed on the reference and on the neutral app
and fails (or runs out of time) on the bug's app. A test that fails everywhere, or asserts
nothing, earns nothing; so does a suite that passes on every app.

How a run is made: the check process (itself forked from a warm parent that imported pytest,
Flask and the app's libraries) forks one child per app. The child runs ``pytest.main`` on a copy
of the learner's tests beside the app's files, with a small plugin that sends each test's
outcome, pytest's own failure report, and what it observed back as JSON lines on a pipe. Each
phase of a test has a time bound (SIGALRM raises into it); a test that ignores it is killed
with its process and the tests after it run in a fresh child. ``Plan.parallel`` apps run at
once. Results are cached in a file keyed by a hash of the tests, the app and the options, so
every check of one run (and a later child of the same run) reuses them.

The neutral app runs with a marker before each statement a bug changes (``mark_bugs``), so a
bug's app runs only the tests that reach its change: a test that never does runs the very same
code there and cannot catch it.

*Probes* record which tests call something directly (from a file under ``tests/``):
``{"cli": "flask.testing:FlaskCliRunner.invoke"}`` marks the tests that run a command. Config
keys named in ``record_config`` are read from every app whose context is pushed during a test.
"""

from __future__ import annotations

import ast
import builtins
import functools
import gc
import hashlib
import importlib
import importlib.util
import json
import marshal
import os
import selectors
import shutil
import signal
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from flaskcourse.checking import rewrites
from flaskcourse.files import learner_files

REFERENCE = "reference"
REVERSED = "reversed"
NEUTRAL = "neutral"
TESTS_DIR = "tests"
INI_FILE = "pytest.ini"
CACHE_VERSION = "1"
PASSED, FAILED, SKIPPED, TIMEOUT, NOT_RUN = "passed", "failed", "skipped", "timeout", "not run"
REPORT_CHARS = 3000
"""pytest's report of one failing test is cut after this many characters."""
KILL_GRACE = 2.0
"""Seconds a test may run past its bound (to finish raising) before its process is killed."""
POLL_SECONDS = 0.05
IGNORED_CREATED = frozenset({"__pycache__", ".pytest_cache", TESTS_DIR})
MARKER = "__flaskcourse_reached__"


# ----------------------------------------------------------------------------- what is graded


@dataclass(frozen=True)
class Patch:
    """One textual change to one file of an app; ``old`` must occur exactly once."""

    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Bug:
    """A planted bug: its id, the behaviour a test must check to catch it, and its patches."""

    id: str
    untested: str
    patches: tuple[Patch, ...]


@dataclass(frozen=True)
class Plan:
    """Everything a lesson grades a test suite with: the app, its neutral rewrite, the bugs."""

    app: Mapping[str, bytes]
    neutral: tuple[Patch, ...]
    bugs: tuple[Bug, ...]
    probes: Mapping[str, str] = field(default_factory=dict)
    record_config: tuple[str, ...] = ()
    per_test_seconds: float = 5.0
    parallel: int = 2

    @functools.cached_property
    def neutral_app(self) -> dict[str, bytes]:
        """The reference with the neutral rewrite applied."""
        return apply(self.app, self.neutral)

    @functools.cached_property
    def bug_apps(self) -> dict[str, dict[str, bytes]]:
        """Each bug's app, by the bug's id: the neutral app with that bug's patches applied."""
        return {bug.id: apply(self.neutral_app, bug.patches) for bug in self.bugs}

    @functools.cached_property
    def marked(self) -> dict[str, bytes]:
        """The neutral app with a marker before each statement a bug changes (``mark_bugs``)."""
        return mark_bugs(self.neutral_app, self.bugs)

    def bug(self, bug_id: str) -> Bug:
        for bug in self.bugs:
            if bug.id == bug_id:
                return bug
        raise KeyError(f"no bug {bug_id!r} in the plan")


class PlanError(Exception):
    """The lesson's plan is broken (a patch that does not apply): a bug in the course."""


def _patches(entries: Iterable[Mapping[str, str]]) -> tuple[Patch, ...]:
    return tuple(Patch(e["file"], e["old"], e["new"]) for e in entries)


def load_plan(app_dir: Path, bugs_file: Path, **settings: Any) -> Plan:
    """The app's files (``tests/`` left out: the learner's come instead) and the bugs file:

    ``[neutral]`` with ``[[neutral.replace]]`` patches to the reference, then one ``[[bug]]``
    per planted bug (``id``, ``untested``: "no test ...", ``[[bug.replace]]`` patches to the
    neutral app).
    """
    app = {rel.as_posix(): (app_dir / rel).read_bytes() for rel in learner_files(app_dir)
           if rel.parts[0] != TESTS_DIR}
    try:
        data = tomllib.loads(bugs_file.read_text(encoding="utf-8"))
        neutral = _patches(data["neutral"]["replace"])
        bugs = tuple(Bug(str(b["id"]), str(b["untested"]), _patches(b["replace"]))
                     for b in data["bug"])
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise PlanError(f"{bugs_file} is malformed: {exc!r}") from exc
    plan = Plan(app, neutral, bugs, **settings)
    # Every app must build, or a check would break halfway; and each is compiled here, once,
    # not in each of the many runs of the learner's tests against it.
    for files in (*plan.bug_apps.values(), plan.app, plan.marked):
        _compile_ahead(files)
    return plan


_compiled: dict[bytes, bytes] = {}
"""A checked hash-based .pyc (PEP 552) of each Python file of a plan's apps, by the digest of
its source. A run of the learner's tests imports the app from a folder of its own, and would
compile it again every time: ``_write_folder`` puts the .pyc beside it. Python checks it
against the source's hash before it uses it."""


def _compile_ahead(files: Mapping[str, bytes]) -> None:
    for rel, data in files.items():
        key = hashlib.sha256(data).digest()
        if rel.endswith(".py") and key not in _compiled:
            code = compile(data, rel, "exec", dont_inherit=True)
            _compiled[key] = (importlib.util.MAGIC_NUMBER + (0b11).to_bytes(4, "little")
                              + importlib.util.source_hash(data) + marshal.dumps(code))


def apply(files: Mapping[str, bytes], patches: Iterable[Patch]) -> dict[str, bytes]:
    """``files`` with each patch applied in turn."""
    result = dict(files)
    for patch in patches:
        text = result.get(patch.file, b"").decode("utf-8")
        if text.count(patch.old) != 1:
            raise PlanError(f"the text to replace occurs {text.count(patch.old)} times in "
                            f"{patch.file}, not once: {patch.old[:60]!r}")
        result[patch.file] = text.replace(patch.old, patch.new).encode("utf-8")
    return result


def mark_bugs(files: Mapping[str, bytes], bugs: Iterable[Bug]) -> dict[str, bytes]:
    """``files`` (the neutral app) with a marker call before each statement a bug's patch
    touches, naming the bugs: ``__flaskcourse_reached__("lent_twice")``.

    A test that never reaches the statements a bug changes runs the very same code on that bug's
    app as on the neutral one, so it cannot catch the bug. Running the marked neutral app once
    tells, per test, which bugs it could catch; a bug's app then runs those tests only (none at
    all for a bug no test reaches), which keeps grading fast however many bugs a lesson plants.
    """
    points: dict[str, dict[int, set[str]]] = {}
    for bug in bugs:
        for patch in bug.patches:
            text = files[patch.file].decode("utf-8")
            start = text.index(patch.old)
            first = text.count("\n", 0, start) + 1
            last = text.count("\n", 0, start + max(len(patch.old) - 1, 0)) + 1
            for line in _statement_starts(text, first, last):
                points.setdefault(patch.file, {}).setdefault(line, set()).add(bug.id)
    marked = dict(files)
    for rel, lines in points.items():
        source = files[rel].decode("utf-8").splitlines(keepends=True)
        for line in sorted(lines, reverse=True):
            indent = source[line - 1][:len(source[line - 1]) - len(source[line - 1].lstrip())]
            ids = ", ".join(repr(bug_id) for bug_id in sorted(lines[line]))
            source.insert(line - 1, f"{indent}{MARKER}({ids})\n")
        marked[rel] = "".join(source).encode("utf-8")
    return marked


def _statement_starts(text: str, first: int, last: int) -> set[int]:
    """The first lines (decorators included) of the innermost statements that overlap lines
    ``first``..``last``, each climbed to a statement that begins its line (not a one-line
    body, not an ``elif``), where a marker can go."""
    tree = ast.parse(text)
    lines = text.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    starts = set()
    for line in range(first, last + 1):
        stmts = [n for n in ast.walk(tree) if isinstance(n, ast.stmt)
                 and n.lineno <= line <= (n.end_lineno or n.lineno)
                 or isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and n.decorator_list and n.decorator_list[0].lineno <= line <= n.lineno]
        if not stmts:
            continue
        node = max(stmts, key=lambda n: (n.lineno, n.col_offset))
        while True:
            begin = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
            code = lines[begin - 1]
            indent = len(code) - len(code.lstrip())
            if node.col_offset == indent and not code.lstrip().startswith(("elif", "else")):
                break
            node = parents[node]
        starts.add(begin)
    return starts


# ----------------------------------------------------------------------------- what came back


@dataclass(frozen=True)
class LearnerTest:
    """One test of the learner's, on one app."""

    nodeid: str
    outcome: str
    report: str = ""
    probes: tuple[str, ...] = ()
    config: tuple[tuple[str, str], ...] = ()
    reached: tuple[str, ...] = ()
    """The bugs whose changed code this test reached (on the neutral app, see ``mark_bugs``)."""

    @property
    def passed(self) -> bool:
        return self.outcome == PASSED

    @property
    def failed(self) -> bool:
        """Failed, errored in a fixture, or ran out of time: it told this app apart."""
        return self.outcome in (FAILED, TIMEOUT)


@dataclass(frozen=True)
class SuiteRun:
    """The learner's suite on one app: each test's result in the order they ran."""

    target: str
    tests: tuple[LearnerTest, ...] = ()
    collected: tuple[str, ...] = ()
    collect_errors: tuple[str, ...] = ()
    created: tuple[str, ...] = ()
    """Files the run left in the app's folder (outside tests/): a database the tests made."""
    outside_tests: tuple[tuple[str, str], ...] = ()
    """Config seen while no test was running (an app built when a test file was imported)."""
    tmp: str = ""
    """The temporary folder the run had (TMPDIR); pytest's tmp_path lies under it."""
    stopped: str = ""
    """Why the run ended before every test had run, or ''."""
    out_of_time: bool = False
    """The run was stopped by the budget: not a property of the tests, so never cached."""
    reached_outside: tuple[str, ...] = ()
    """Bugs whose changed code ran while no test was running (at import): every test may."""

    @property
    def passing(self) -> frozenset[str]:
        return frozenset(t.nodeid for t in self.tests if t.passed)

    @property
    def failing(self) -> tuple[LearnerTest, ...]:
        return tuple(t for t in self.tests if t.failed)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> SuiteRun:
        data = json.loads(text)
        data["tests"] = tuple(LearnerTest(**{**t, "probes": tuple(t["probes"]),
                                             "config": tuple(map(tuple, t["config"])),
                                             "reached": tuple(t["reached"])})
                              for t in data["tests"])
        for key in ("collected", "collect_errors", "created", "reached_outside"):
            data[key] = tuple(data[key])
        data["outside_tests"] = tuple(map(tuple, data["outside_tests"]))
        return cls(**data)


# ----------------------------------------------------------------------------- the child side


class TookTooLong(BaseException):
    """Raised into a test phase that ran past its bound. A BaseException, so that the
    learner's ``except Exception`` does not swallow it; pytest reports it as a failure."""


class _Reporter:
    """The pytest plugin inside a child: outcomes, probes and config back to the parent."""

    def __init__(self, write_fd: int, tests_dir: Path, target: Target,
                 only: frozenset[str] | None, per_test: float) -> None:
        self.fd = write_fd
        self.tests_dir = str(tests_dir)
        self.only = only
        self.first = {nodeid: i for i, nodeid in enumerate(target.first)}
        self.reverse = target.reverse
        self.stop_at_failure = target.stop_at_failure
        self.per_test = per_test
        self.session: Any = None
        self.current = ""
        self.phases: dict[str, list[Any]] = {}
        self.probes: dict[str, set[str]] = {}
        self.config: dict[str, set[tuple[str, str]]] = {}
        self.reached: dict[str, set[str]] = {}
        self.timed_out: set[str] = set()

    def emit(self, event: str, **data: Any) -> None:
        payload = (json.dumps({"event": event, **data}, default=str) + "\n").encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(self.fd, view):]

    def called_from_tests(self) -> bool:
        """Whether the caller of the probe that asks is code in a file under tests/."""
        filename = sys._getframe(2).f_code.co_filename
        return os.path.abspath(filename).startswith(self.tests_dir + os.sep)

    def probed(self, label: str) -> None:
        self.probes.setdefault(self.current, set()).add(label)

    def saw_config(self, values: Iterable[tuple[str, str]]) -> None:
        self.config.setdefault(self.current, set()).update(values)

    def reach(self, *bug_ids: str) -> None:
        """The marker ``mark_bugs`` puts before the code a bug changes."""
        self.reached.setdefault(self.current, set()).update(bug_ids)

    # pytest's hooks

    def pytest_sessionstart(self, session: Any) -> None:
        self.session = session

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        self.emit("collected", nodeids=[item.nodeid for item in items])
        if self.only is not None:
            items[:] = [item for item in items if item.nodeid in self.only]
        if self.first:
            items.sort(key=lambda item: self.first.get(item.nodeid, len(self.first)))
        if self.reverse:
            items.reverse()

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.emit("collect_error", report=report.longreprtext[:REPORT_CHARS])

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        self.current = nodeid

    @contextmanager
    def _bounded(self, phase: str) -> Iterator[None]:
        """One phase of the current test, ended by TookTooLong after ``per_test`` seconds."""
        def stop(_signum: int, _frame: Any) -> None:
            self.timed_out.add(self.current)
            raise TookTooLong(f"this test did not finish within {self.per_test:g} s")

        self.emit("phase", nodeid=self.current, phase=phase)
        previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, self.per_test)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: Any) -> Iterator[Any]:
        with self._bounded("setup"):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: Any) -> Iterator[Any]:
        with self._bounded("call"):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: Any) -> Iterator[Any]:
        with self._bounded("teardown"):
            return (yield)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.phases.setdefault(report.nodeid, []).append(report)
        if report.when == "teardown":
            result = self._result(report.nodeid)
            self.emit("result", **asdict(result))
            self.current = ""
            if self.stop_at_failure and result.failed:
                # shouldfail, as --exitfirst does: a shouldstop ends the session with pytest's
                # Interrupted, whose full report (pytest's own source parsed) took half the run.
                self.session.shouldfail = "one failing test is enough here"

    def _result(self, nodeid: str) -> LearnerTest:
        outcome, text = PASSED, ""
        for report in self.phases.pop(nodeid, []):
            if report.failed:
                outcome = TIMEOUT if nodeid in self.timed_out else FAILED
                where = "" if report.when == "call" else f"(in the {report.when} of the test)\n"
                text = where + report.longreprtext[:REPORT_CHARS]
                break
            if report.skipped:
                outcome = SKIPPED
                break
        return LearnerTest(nodeid, outcome, text, tuple(sorted(self.probes.pop(nodeid, ()))),
                           tuple(sorted(self.config.pop(nodeid, ()))),
                           tuple(sorted(self.reached.pop(nodeid, ()))))


def _install_probes(probes: Mapping[str, str], reporter: _Reporter) -> None:
    """Wrap each probed callable so that a direct call from the learner's tests is recorded."""
    for label, target in probes.items():
        module_name, _, path = target.partition(":")
        owner: Any = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for part in parents:
            owner = getattr(owner, part)
        setattr(owner, name, _probe(getattr(owner, name), label, reporter))


def _probe(real: Any, label: str, reporter: _Reporter) -> Any:
    @functools.wraps(real)
    def probe(*args: Any, **kwargs: Any) -> Any:
        if reporter.called_from_tests():
            reporter.probed(label)
        return real(*args, **kwargs)
    return probe


def _record_config(keys: tuple[str, ...], reporter: _Reporter) -> None:
    if not keys:
        return
    from flask import appcontext_pushed

    def seen(app: Any, **_extra: Any) -> None:
        reporter.saw_config((key, str(app.config.get(key))) for key in keys)

    appcontext_pushed.connect(seen, weak=False)


def _forget_imports(folder: Path) -> None:
    """Make the child import the learner's tests and the app afresh: drop modules the check
    process imported from elsewhere under names the learner may use (its own conftest and check
    modules, an ``app``), and the assertion rewriter of the checks' own pytest session."""
    package = Path(__file__).resolve().parents[1]
    kept = (sys.prefix, sys.base_prefix, str(package))
    lessons = str(package / "_data")  # where an installed course keeps its checks
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        where = os.path.abspath(filename) if filename else ""
        if where and (not where.startswith(kept) or where.startswith(lessons)):
            del sys.modules[name]
    sys.meta_path[:] = [finder for finder in sys.meta_path
                        if type(finder).__name__ != "AssertionRewritingHook"]
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()


def _child(folder: Path, write_fd: int, target: Target, only: frozenset[str] | None,
           plan: Plan, rewritten: rewrites.Rewritten) -> None:
    """Run the suite in ``folder``; never returns."""
    reporter = _Reporter(write_fd, folder / TESTS_DIR, target, only, plan.per_test_seconds)
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        # What the tests print goes nowhere, whatever stream objects the process had before.
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - lives as long as the child
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        os.chdir(folder)
        tmp = folder / ".tmp"
        tmp.mkdir(exist_ok=True)
        os.environ["TMPDIR"] = str(tmp)
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # plain pytest, as the lesson says
        tempfile.tempdir = None
        _forget_imports(folder)
        setattr(builtins, MARKER, reporter.reach)
        rewrites.reuse(folder / TESTS_DIR, rewritten)
        _install_probes(plan.probes, reporter)
        _record_config(plan.record_config, reporter)
        # No cache, and no unraisable-exception plugin: its gc.collect() calls at the end cost
        # more than a short run itself, and it only ever adds warnings.
        # A bug's app is only asked which test fails first, and its reports are never shown:
        # a one-line report spares parsing the test's source to show it.
        tb = "--tb=line" if target.stop_at_failure else "--tb=short"
        code = pytest.main(["-c", str(folder / INI_FILE), "--rootdir", str(folder),
                            "-p", "no:cacheprovider", "-p", "no:unraisableexception",
                            tb, "-q", "--basetemp", str(tmp / "pytest"), TESTS_DIR],
                           plugins=[reporter])
        reporter.emit("done", code=int(code), outside=sorted(reporter.config.get("", ())),
                      reached=sorted(reporter.reached.get("", ())), tmp=str(tmp))
    except BaseException:  # noqa: BLE001 - whatever happened, the parent must hear of it
        reporter.emit("crash", report=traceback.format_exc()[-REPORT_CHARS:])
    finally:
        os._exit(0)


# ----------------------------------------------------------------------------- the parent side


@dataclass(frozen=True)
class Target:
    """One app to run the suite against, and how."""

    name: str
    files: Mapping[str, bytes]
    reverse: bool = False
    only: frozenset[str] | None = None
    stop_at_failure: bool = False
    """Stop at the first test that fails: all it takes to know a bug was caught."""
    first: tuple[str, ...] = ()
    """Tests to run before the others, in this order (the likeliest to fail first)."""


@dataclass
class _Running:
    """A target being run: its folder, the child running it now, and what it reported."""

    target: Target
    folder: Path
    before: frozenset[str]
    pid: int = 0
    fd: int = -1
    buffer: bytes = b""
    current: str = ""
    since: float = 0.0
    ended: bool = False
    finished: bool = False
    results: dict[str, LearnerTest] = field(default_factory=dict)
    collected: list[str] = field(default_factory=list)
    collect_errors: list[str] = field(default_factory=list)
    outside: list[tuple[str, str]] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    tmp: str = ""
    stopped: str = ""
    out_of_time: bool = False

    def remaining(self) -> frozenset[str]:
        wanted = [n for n in self.collected if self.target.only is None or n in self.target.only]
        return frozenset(n for n in wanted if n not in self.results)


def _write_folder(folder: Path, files: Mapping[str, bytes], tests_dir: Path) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        compiled = _compiled.get(hashlib.sha256(data).digest()) if rel.endswith(".py") else None
        if compiled is not None:
            cached = Path(importlib.util.cache_from_source(str(path)))
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(compiled)
    if not (folder / INI_FILE).is_file():
        (folder / INI_FILE).write_text("[pytest]\n", encoding="utf-8")
    tests = folder / TESTS_DIR
    tests.mkdir(exist_ok=True)
    if tests_dir.is_dir():
        for rel in learner_files(tests_dir):
            (tests / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tests_dir / rel, tests / rel)


def _files_in(folder: Path) -> frozenset[str]:
    return frozenset(rel.as_posix() for rel in learner_files(folder))


def _fork(run: _Running, only: frozenset[str] | None, plan: Plan,
          rewritten: rewrites.Rewritten) -> None:
    read_fd, write_fd = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    gc.freeze()  # the child's collector then leaves the check process's objects alone
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(run.folder, write_fd, run.target, only, plan, rewritten)
    os.close(write_fd)
    run.pid, run.fd, run.buffer, run.current, run.ended = pid, read_fd, b"", "", False
    run.since = time.monotonic()


def _end_child(run: _Running) -> None:
    try:
        os.kill(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(run.pid, 0)
    os.close(run.fd)
    run.fd = -1


def _handle(run: _Running, event: Mapping[str, Any]) -> None:
    kind = event.get("event")
    if kind == "collected" and not run.collected:
        run.collected = [str(n) for n in event["nodeids"]]
    elif kind == "collect_error":
        run.collect_errors.append(str(event["report"]))
    elif kind == "phase":
        run.current, run.since = str(event["nodeid"]), time.monotonic()
    elif kind == "result":
        result = LearnerTest(str(event["nodeid"]), str(event["outcome"]), str(event["report"]),
                             tuple(event["probes"]), tuple(map(tuple, event["config"])),
                             tuple(event["reached"]))
        run.results[result.nodeid] = result
        run.current = ""
    elif kind == "done":
        run.outside = [tuple(pair) for pair in event["outside"]]
        run.reached = [str(bug_id) for bug_id in event["reached"]]
        run.tmp = str(event["tmp"])
        run.finished = True
    elif kind == "crash":
        run.stopped = f"the test run itself broke:\n{event['report']}"
        run.finished = True


def _read(run: _Running) -> None:
    data = os.read(run.fd, 65536)
    if not data:
        run.ended = True
        return
    run.buffer += data
    *lines, run.buffer = run.buffer.split(b"\n")
    for line in lines:
        try:
            _handle(run, json.loads(line))
        except (ValueError, KeyError, TypeError):
            continue  # never trust the pipe: the learner's code shares the process


def _summary(run: _Running) -> SuiteRun:
    order = [n for n in run.collected if run.target.only is None or n in run.target.only]
    if run.target.reverse:
        order.reverse()
    tests = tuple(run.results.get(n) or LearnerTest(n, NOT_RUN) for n in order)
    created = sorted(rel for rel in _files_in(run.folder) - run.before
                     if rel.split("/")[0] not in IGNORED_CREATED and not rel.startswith(".tmp/"))
    return SuiteRun(run.target.name, tests, tuple(run.collected), tuple(run.collect_errors),
                    tuple(created), tuple(run.outside), run.tmp, run.stopped, run.out_of_time,
                    tuple(run.reached))


def _settle(run: _Running, plan: Plan, now: float, deadline: float,
            rewritten: rewrites.Rewritten) -> bool:
    """The child of ``run`` has ended, hangs in a test, or is out of time: end it, and start
    another for the tests after a hung or fatal one. True when the run is over.

    A test running when the time ran out is left as not run: it was stopped by the checks, and
    no bug may count as caught because of that."""
    overdue = bool(run.current) and now - run.since > plan.per_test_seconds + KILL_GRACE
    out_of_time = now > deadline and not run.finished
    _end_child(run)
    interrupted = run.current and run.current not in run.results
    if interrupted and overdue:
        run.results[run.current] = LearnerTest(run.current, TIMEOUT, (
            f"this test did not finish within {plan.per_test_seconds:g} s, and went on running "
            "when told to stop"))
    elif interrupted and not out_of_time:
        run.results[run.current] = LearnerTest(
            run.current, FAILED, "the test process ended during this test (os._exit, a signal, "
            "or a crash)")
    remaining = run.remaining()
    if out_of_time:
        run.out_of_time = True
        run.stopped = "the time the checks allow for running your tests ran out" + (
            f", and {len(remaining)} of them had not run yet" if run.collected
            else " before pytest had even collected them")
    elif remaining and interrupted and not run.finished:
        _fork(run, remaining, plan, rewritten)
        return False
    elif remaining and not run.stopped and not (run.target.stop_at_failure
                                                and any(r.failed for r in run.results.values())):
        run.stopped = "the test run ended before every test had run"
    return True


def run_targets(targets: Iterable[Target], tests_dir: Path, plan: Plan, work: Path,
                budget: float,
                rewritten: rewrites.Rewritten | None = None,
                ) -> dict[str, SuiteRun]:
    """Run the suite in ``tests_dir`` against each target, ``plan.parallel`` at a time, all
    within ``budget`` seconds; a target that could not finish says why in ``stopped``.
    ``rewritten`` is ``rewrites.rewrite_folder(tests_dir)``, when the caller runs more than once."""
    rewritten = rewritten if rewritten is not None else rewrites.rewrite_folder(tests_dir)
    queue = list(targets)
    deadline = time.monotonic() + budget
    running: list[_Running] = []
    finished: dict[str, SuiteRun] = {}
    selector = selectors.DefaultSelector()
    try:
        while queue or running:
            while queue and len(running) < max(1, plan.parallel):
                target = queue.pop(0)
                folder = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=work))
                _write_folder(folder, target.files, tests_dir)
                run = _Running(target, folder, _files_in(folder))
                _fork(run, target.only, plan, rewritten)
                selector.register(run.fd, selectors.EVENT_READ, run)
                running.append(run)
            for key, _ in selector.select(POLL_SECONDS):
                _read(key.data)
            now = time.monotonic()
            for run in list(running):
                overdue = bool(run.current) and now - run.since > plan.per_test_seconds + KILL_GRACE
                if not (run.ended or overdue or now > deadline):
                    continue
                selector.unregister(run.fd)
                if not _settle(run, plan, now, deadline, rewritten):
                    selector.register(run.fd, selectors.EVENT_READ, run)
                    continue
                running.remove(run)
                finished[run.target.name] = _summary(run)
                shutil.rmtree(run.folder, ignore_errors=True)
    finally:
        selector.close()
        for run in running:
            if run.fd >= 0:
                _end_child(run)
    return finished


# ----------------------------------------------------------------------------- the grader


def _digest(*parts: Any) -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=repr).encode() + b"\0")
    return digest.hexdigest()[:32]


def _tree(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {rel.as_posix(): hashlib.sha256((folder / rel).read_bytes()).hexdigest()
            for rel in learner_files(folder)}


class Grader:
    """The learner's suite against the plan's apps, each run once and cached on disk."""

    def __init__(self, plan: Plan, tests_dir: Path, *, budget: float,
                 cache: Path | None = None) -> None:
        self.plan = plan
        self.tests_dir = tests_dir
        self.budget = budget
        self.cache = cache or Path(tempfile.gettempdir()) / "flaskcourse-suite"
        self.cache.mkdir(parents=True, exist_ok=True)
        self._tests = _tree(tests_dir)
        self._rewritten = rewrites.rewrite_folder(tests_dir)
        self._runs: dict[str, SuiteRun] = {}
        self._deadline: float | None = None

    def target(self, name: str) -> Target:
        """The app ``name`` stands for; all but the reference run only the tests that passed
        there, since no other test can earn anything, and a bug's app only the credited tests
        that reach the code it changes (``mark_bugs``)."""
        if name == REFERENCE:
            return Target(REFERENCE, self.plan.app)
        only = self.run(REFERENCE).passing
        if name == REVERSED:
            return Target(REVERSED, self.plan.app, reverse=True, only=only)
        if name == NEUTRAL:
            return Target(NEUTRAL, self.plan.marked, only=only)
        reaching = self._reaching(name)
        return Target(name, self.plan.bug_apps[self.plan.bug(name).id],
                      only=frozenset(reaching), stop_at_failure=True, first=reaching)

    def _reaching(self, bug_id: str) -> tuple[str, ...]:
        """The credited tests that reach the code ``bug_id`` changes, those that reach the
        fewest changes of any bug first: the test most about this code is likeliest to catch
        it, and the run stops at the first that does."""
        neutral, credited = self.run(NEUTRAL), self.credited()
        everyone = bug_id in neutral.reached_outside
        tests = [t for t in neutral.tests if t.nodeid in credited
                 and (everyone or bug_id in t.reached)]
        return tuple(t.nodeid for t in sorted(tests, key=lambda t: len(t.reached)))

    def _cached(self, target: Target) -> Path:
        files = {rel: hashlib.sha256(data).hexdigest() for rel, data in target.files.items()}
        only = sorted(target.only) if target.only is not None else None
        key = _digest(self._tests, files, target.reverse, only, target.stop_at_failure,
                      target.first,
                      dict(self.plan.probes),
                      self.plan.record_config, self.plan.per_test_seconds)
        return self.cache / f"{key}.json"

    def _ensure(self, names: Iterable[str]) -> None:
        # Building a target may run the ones it depends on first (the reference, the neutral
        # app): look at what is known only after that.
        targets = [self.target(name) for name in names if name not in self._runs]
        missing = []
        for target in targets:
            name = target.name
            if name in self._runs:
                continue
            if target.only is not None and not target.only:
                self._runs[name] = SuiteRun(name)  # no test could earn anything here
                continue
            path = self._cached(target)
            if path.is_file():
                self._runs[name] = SuiteRun.from_json(path.read_text(encoding="utf-8"))
            else:
                missing.append(target)
        if not missing:
            return
        work = Path(tempfile.mkdtemp(prefix="runs-", dir=self.cache))
        deadline = self._deadline or time.monotonic() + self.budget
        try:
            done = run_targets(missing, self.tests_dir, self.plan, work,
                               max(deadline - time.monotonic(), 0.0), self._rewritten)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        for target in missing:
            self._runs[target.name] = done[target.name]
            if done[target.name].out_of_time:
                continue
            path = self._cached(target)
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_text(done[target.name].to_json(), encoding="utf-8")
            os.replace(partial, path)

    def runs(self, *names: str) -> dict[str, SuiteRun]:
        """The runs of the named apps; those not known yet run now, in parallel, all of them
        (and those they depend on) within the grader's ``budget`` of seconds."""
        outermost = self._deadline is None
        if outermost:
            self._deadline = time.monotonic() + self.budget
        try:
            self._ensure([REFERENCE])
            self._ensure(names)
        finally:
            if outermost:
                self._deadline = None
        return {name: self._runs[name] for name in names}

    def run(self, name: str) -> SuiteRun:
        return self.runs(name)[name]

    def credited(self) -> frozenset[str]:
        """The tests that can earn credit: they pass on the reference and on the neutral app."""
        return self.run(REFERENCE).passing & self.run(NEUTRAL).passing

    def catchers(self, bug_id: str) -> tuple[str, ...]:
        """The tests that catch one bug: credited, and failing on that bug's app (its run
        stops at the first, so this names one test, or none)."""
        credited = self.credited()
        return tuple(t.nodeid for t in self.run(bug_id).failing if t.nodeid in credited)

    def caught(self) -> tuple[str, ...]:
        """The ids of the bugs the suite catches, in the plan's order (all bugs run at once)."""
        ids = [bug.id for bug in self.plan.bugs]
        self.runs(*ids)
        return tuple(bug_id for bug_id in ids if self.catchers(bug_id))

    def score(self) -> str:
        """``your tests caught 7 of 11 bugs``: the figure every failing bug check ends with."""
        return f"Your tests caught {len(self.caught())} of {len(self.plan.bugs)} bugs."


# ----------------------------------------------------------------------------- in messages


def reports(tests: Iterable[LearnerTest], shown: int = 3) -> str:
    """pytest's own report of the first ``shown`` tests, then the names of the others."""
    tests = list(tests)
    parts = [f"{t.nodeid} ({t.outcome})\n" + _indent(t.report.strip() or "(no report)")
             for t in tests[:shown]]
    if len(tests) > shown:
        parts.append(f"and {len(tests) - shown} more: "
                     + ", ".join(t.nodeid.rsplit("::", 1)[-1] for t in tests[shown:]))
    return "\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
