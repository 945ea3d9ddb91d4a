"""Run a lesson's hidden checks in a child pytest process and return a ``LessonReport``.

The child works on a temporary copy of the learner's folder, so a check never writes to the
workspace. It reports each check as an event on a pipe; this side keeps the time limit. A check
that runs past it is first asked where the learner's code is (``checking.ending``), then has its
whole process group killed (an exception handler in the learner's code cannot swallow SIGKILL),
is reported as timed out at that line, and a fresh child runs the checks that remain.

A hang usually has one cause that every later check meets again (a deadlock, an endless loop).
So once a check has timed out at a line, later checks are asked where they are every
``probe_seconds``; the first one found stuck at that same line stops the run, and it and the
checks after it are reported as not run because of that line: one hang costs one time limit.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flaskcourse import launch
from flaskcourse.catalog import Lesson
from flaskcourse.childenv import inherited_env
from flaskcourse.checkindex import check_files
from flaskcourse.checking import ending, events
from flaskcourse.checking.learner import (
    CODE_ENV,
    ENTRY_MODULE,
    SHOWN_ENV,
    SOURCES_ENV,
    source_digests,
)
from flaskcourse.files import copy_tree, remove_tree
from flaskcourse.preload import modules_for
from flaskcourse.prepared import PreparedSessions, Request
from flaskcourse.report import CheckResult, LessonReport, LoadError, Outcome

CHECKS_INI = Path(__file__).resolve().parent / "checking" / "checks.ini"
PREFLIGHT = "preflight"
STARTUP = "startup"
POLL_SECONDS = 0.1
# pytest plugins no check uses: each one not loaded is start-up time saved on every run.
UNUSED_PLUGINS = ("cacheprovider", "stepwise", "doctest", "junitxml", "pastebin", "legacypath",
                  "setuponly", "setupplan", "unittest", "subtests", "unraisableexception",
                  "threadexception", "faulthandler")
EXIT_GRACE_SECONDS = 0.5
WHERE_GRACE_SECONDS = 0.5
PROBE_SECONDS = 0.5


MEMORY = Path("/dev/shm")


def in_memory() -> Path | None:
    """A file system in memory (Linux's ``/dev/shm``) for ``RunSettings.scratch_root``, or None.
    For runs of the course's own code (`verify`, mutants): a thousand of them create, sync and
    delete files many times over, which on a disk costs a tenth of the time. A learner's `check`
    stays on disk, where code that writes without end cannot fill the memory."""
    return MEMORY if MEMORY.is_dir() and os.access(MEMORY, os.W_OK | os.X_OK) else None


class Cancelled(Exception):
    """The run was stopped from outside (``watch`` saw a newer save): its results are stale."""


@dataclass(frozen=True)
class RunSettings:
    """Limits of one run; the per-check time limit comes from the catalog."""

    time_limit: float
    startup_limit: float = 60.0
    output_cap: int = 64 * 1024
    memory_limit: int | None = 2 * 1024**3
    first_failure_only: bool = False  # mutation testing: one failing check is enough
    scratch_root: Path | None = None
    """Where the run's copy and temporary files go; None for the system's temporary folder."""
    sessions: PreparedSessions | None = field(default=None, compare=False)
    """Prepared sessions to fork runs from (`verify`, mutants, `grade`: many runs of a lesson)."""

    @property
    def probe_seconds(self) -> float:
        """How often a check is asked whether it is stuck where an earlier one timed out."""
        return min(PROBE_SECONDS, self.time_limit / 3)


@dataclass
class _Child:
    """What one child process said and how it ended."""

    collected: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, CheckResult] = field(default_factory=dict)
    load_error: LoadError | None = None
    running: str | None = None
    timed_out: str | None = None
    returncode: int | None = None
    output: bytearray = field(default_factory=bytearray)
    dropped: int = 0
    pid: int | None = None
    where: dict[str, Any] | None = None
    request: str | None = None
    stuck_again: str | None = None
    collect_errors: list[str] = field(default_factory=list)
    finished: bool = False


def _child_env(code: Path, shown: Path, scratch: Path) -> dict[str, str]:
    env = inherited_env()
    home, tmp = scratch / "home", scratch / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    env.update({
        CODE_ENV: str(code), SHOWN_ENV: str(shown), "HOME": str(home), "TMPDIR": str(tmp),
        SOURCES_ENV: json.dumps(source_digests(code)),
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
    })
    return env


def _session_args(lesson: Lesson) -> list[str]:
    """pytest's options for the checks of ``lesson``, whatever folder a run checks."""
    return [
        *(arg for plugin in UNUSED_PLUGINS for arg in ("-p", f"no:{plugin}")), "-c", str(CHECKS_INI),
        "--rootdir", str(lesson.checks_dir), "--import-mode=importlib",
        # No capture: what the app prints goes straight to the output pipe, where the runner
        # caps it, instead of piling up in a temporary file per check (100 MB, or more). No
        # terminal report either: results travel as events, so the output is the app's alone.
        "-p", "no:terminal", "--capture=no",
    ]


def _pytest_args(lesson: Lesson, code: Path, shown: Path, selected: list[str] | None,
                 settings: RunSettings) -> list[str]:
    targets = [f"{lesson.checks_dir / nodeid.split('::')[0]}::{nodeid.split('::', 1)[1]}"
               for nodeid in selected or ()] or [str(lesson.checks_dir)]
    return [
        *(["--exitfirst"] if settings.first_failure_only else []), *_session_args(lesson),
        "--learner-dir", str(code), "--shown-dir", str(shown), *targets,
    ]


def _start(lesson: Lesson, code: Path, shown: Path, selected: list[str] | None,
           env: dict[str, str], settings: RunSettings) -> launch.Child:
    """A check process for one run: forked from the lesson's prepared session when the run
    has one, else the usual way."""
    if settings.sessions is not None:
        request = Request(env=env, cwd=str(code), memory=settings.memory_limit,
                          selected=selected, exitfirst=settings.first_failure_only)
        run = settings.sessions.start(lesson.checks_dir, [*_session_args(lesson), str(lesson.checks_dir)],
                                      request, modules_for(lesson), settings.startup_limit)
        if run is not None:
            return run
    return launch.start(_pytest_args(lesson, code, shown, selected, settings), env, code,
                        settings.memory_limit, modules_for(lesson), lesson.checks_dir)


def _handle(event: dict[str, Any], child: _Child, on_result: Callable[[CheckResult], None] | None) -> None:
    kind = event["event"]
    if kind == "collected":
        child.collected = [c for c in event.get("checks", []) if isinstance(c, dict)]
        child.pid = event.get("pid") if isinstance(event.get("pid"), int) else None
    elif kind == "start":
        child.running = str(event.get("nodeid"))
        child.where = None
        child.request = None
    elif kind == "where":
        child.where = event
    elif kind == "request":
        child.request = str(event.get("request") or "") or None
    elif kind == "collect_error":
        child.collect_errors.append(f"{event.get('nodeid')}:\n{event.get('detail')}")
    elif kind == "finished":
        child.finished = True
    elif kind == "preflight_done":
        child.running = None
    elif kind == "load_error":
        child.running = None
        child.load_error = LoadError(
            message=str(event.get("message")), file=event.get("file"), line=event.get("line"),
            detail=str(event.get("detail") or ""))
    elif kind == "result" and child.load_error is None:  # after one, nothing else counts
        child.running = None
        result = CheckResult.from_dict(event["result"])
        child.results[str(event.get("nodeid"))] = result
        if on_result:
            on_result(result)


def _run_child(proc: launch.Child, settings: RunSettings,
               on_result: Callable[[CheckResult], None] | None,
               hung_lines: frozenset[tuple[str, int]] = frozenset(),
               cancel: threading.Event | None = None) -> _Child:
    """Run one child to its end, its time limit, or (with ``hung_lines``) the first check found
    stuck at a line where an earlier check timed out."""
    child = _Child()
    selector = selectors.DefaultSelector()
    selector.register(proc.events_fd, selectors.EVENT_READ, "events")
    selector.register(proc.output_fd, selectors.EVENT_READ, "output")
    pending = b""
    started = last_activity = probed = time.monotonic()
    exited_at: float | None = None
    asked_at: float | None = None
    try:
        while selector.get_map():
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            now = time.monotonic()
            if child.running and now - started > settings.time_limit:
                # Out of time: ask where the learner's code is stuck, then end it either way.
                if asked_at is None:
                    asked_at = now
                    child.where = None  # an answer to a probe is not where it is now
                    _ask_where(child)
                if child.where is not None or now - asked_at > WHERE_GRACE_SECONDS:
                    child.timed_out = child.running
                    break
            elif (hung_lines and child.running and child.running != PREFLIGHT
                  and now - probed > settings.probe_seconds):
                probed = now
                _ask_where(child)
            if (asked_at is None and child.running and child.where is not None
                    and not child.where.get("call") and _line_of(child.where) in hung_lines):
                child.stuck_again = child.running
                break
            if not child.running and now - last_activity > settings.startup_limit:
                child.timed_out = STARTUP
                break
            if exited_at is None and (child.finished or proc.poll() is not None):
                exited_at = now
            if exited_at is not None and now - exited_at > EXIT_GRACE_SECONDS:
                break
            for key, _ in selector.select(POLL_SECONDS):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fd)
                elif key.data == "output":
                    room = max(settings.output_cap - len(child.output), 0)
                    child.output += data[:room]
                    child.dropped += max(len(data) - room, 0)
                else:
                    pending += data
                    *lines, pending = pending.split(b"\n")
                    for line in lines:
                        event = events.decode(line)
                        if event is None:
                            continue
                        _handle(event, child, on_result)
                        last_activity = time.monotonic()
                        if event["event"] == "start":
                            started = probed = last_activity
    finally:
        selector.close()
        child.returncode = proc.kill()
        os.close(proc.events_fd)
    return child


def _line_of(where: dict[str, Any] | None) -> tuple[str, int] | None:
    """The learner's file and line in a ``where`` event, as a key; None without one."""
    if not where or not where.get("file") or not isinstance(where.get("line"), int):
        return None
    return str(where["file"]), int(where["line"])


def _ask_where(child: _Child) -> None:
    if child.pid is not None:
        try:
            os.kill(child.pid, ending.ASK)
        except ProcessLookupError:
            pass


def _at(where: dict[str, Any] | None) -> str:
    """`` app.py, line 9: `time.sleep(30)` `` from a ``where`` event, or '' without one."""
    if not where or not where.get("file"):
        return ""
    code = f": `{where['code']}`" if where.get("code") else ""
    return f"{where['file']}, line {where['line']}{code}"


def _ended(returncode: int | None, where: dict[str, Any] | None = None) -> str:
    """How the process ended, and the learner's call that ended it when it said so."""
    called = where.get("call") if where else None
    if called and _at(where):
        return f"was ended by your call to {called} at {_at(where)}"
    if returncode is not None and returncode < 0:
        name = signal.Signals(-returncode).name
        extra = " (that is how the memory limit ends a run, or a process that kills itself)" \
            if name == "SIGKILL" else ""
        return f"was killed by {name}{extra}"
    return f"exited with code {returncode}"


def _still_running(where: dict[str, Any] | None) -> str:
    return f" (it was still running {_at(where)})" if _at(where) else ""


def _timeout_result(check: dict[str, Any], limit: float, child: _Child) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.TIMEOUT, duration=limit,
        request=child.request, stuck_at=_at(child.where) or None,
        message=f"timed out after {limit:g} s: your code did not answer"
                f"{_still_running(child.where)}. Look for an endless loop, or a call that waits "
                "forever (a sleep, a lock, input(), a request without a timeout).",
    )


def _crash_result(check: dict[str, Any], child: _Child) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.FAILED,
        request=child.request,
        message=f"the process running your app {_ended(child.returncode, child.where)} during "
                "this check. Code that calls sys.exit(), os._exit() or kills its own process "
                "ends the checks; let Flask answer with an error response instead.",
    )


def _stuck_again_result(check: dict[str, Any], child: _Child, first: str) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.NOT_RUN,
        request=child.request, stuck_at=_at(child.where),
        message=f"not run to the end: your code was stuck at {_at(child.where)}, the line where "
                f"\"{first}\" timed out, so this check was stopped instead of waiting the full "
                "time limit again. Fix that line first.",
    )


def _not_run_after_hang(check: dict[str, Any], where: dict[str, Any] | None,
                        first: str) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.NOT_RUN,
        stuck_at=_at(where),
        message=f"not run: your code hangs at {_at(where)} (\"{first}\" timed out there, and "
                "the next check got stuck there too), so the checks after it were not run. "
                "Fix that line, then check again.",
    )


def _output_text(buffer: bytearray, dropped: int, names: dict[str, str]) -> str:
    text = _by_check(buffer.decode("utf-8", "replace"), names)
    if dropped:
        text += f"\n[… {dropped} more bytes of output were not kept]"
    return text


def _by_check(text: str, names: dict[str, str]) -> str:
    """The output under a heading per check that printed something, from the marks the plugin
    writes before each check; what came before the first check printed while the app loaded."""
    sections: list[tuple[str, list[str]]] = [("while your app was loading", [])]
    for line in text.split("\n"):  # not splitlines(): it also splits at the mark's \x1e
        if line.startswith(events.OUTPUT_MARK):
            nodeid = line[len(events.OUTPUT_MARK):].strip()
            sections.append((names.get(nodeid, nodeid), []))
        else:
            sections[-1][1].append(line)
    if len(sections) == 1:
        return text
    return "\n".join(f"── {name} ──\n{body}" for name, lines in sections
                     if (body := "\n".join(lines).strip("\n")).strip())


def _printed_lines(buffer: bytearray) -> int:
    """How many lines the app printed, the plugin's marks aside."""
    text = buffer.decode("utf-8", "replace")
    return sum(1 for line in text.split("\n")
               if line.strip() and not line.startswith(events.OUTPUT_MARK))


def run_checks(lesson: Lesson, folder: Path, *, shown: Path | None = None,
               settings: RunSettings | None = None,
               on_result: Callable[[CheckResult], None] | None = None,
               cancel: threading.Event | None = None,
               only: Collection[str] | None = None) -> LessonReport:
    """Run every check of ``lesson`` (or the ones named in ``only``) against a copy of
    ``folder``; never writes to ``folder``. Setting ``cancel`` ends the run at once with
    ``Cancelled``."""
    settings = settings or RunSettings(time_limit=lesson.time_limit)
    shown = shown or folder
    began = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix=f"flaskcourse-{lesson.id}-", dir=settings.scratch_root))
    try:
        code = scratch / lesson.name
        copy_tree(folder, code, overwrite=True)
        code.mkdir(exist_ok=True)
        env = _child_env(code, shown, scratch)
        order: list[dict[str, Any]] = []
        results: dict[str, CheckResult] = {}
        files = check_files(lesson) if only else {}
        selected = [f"{files[name].relative_to(lesson.checks_dir).as_posix()}::{name}"
                    for name in only or () if name in files] or None
        output, dropped = bytearray(), 0
        load_error: LoadError | None = None
        hung_at: dict[tuple[str, int], str] = {}  # a line where a check timed out → its name

        def report(result: CheckResult, nodeid: str) -> None:
            results[nodeid] = result
            if on_result:
                on_result(result)

        while True:
            child = _run_child(_start(lesson, code, shown, selected, env, settings), settings,
                               on_result, frozenset(hung_at), cancel)
            output += child.output
            dropped += child.dropped
            order = order or child.collected
            results.update(child.results)
            if child.load_error:
                load_error = child.load_error
                break
            if not child.collected or child.collect_errors:
                load_error = _not_collected(lesson, child, settings)
                break
            by_nodeid = {c["nodeid"]: c for c in order}
            if child.stuck_again in by_nodeid:
                first = hung_at[_line_of(child.where)]  # type: ignore[index]
                report(_stuck_again_result(by_nodeid[child.stuck_again], child, first),
                       child.stuck_again)
                for check in order:
                    if check["nodeid"] not in results:
                        report(_not_run_after_hang(check, child.where, first), check["nodeid"])
                break
            stopped = child.timed_out or child.running
            if stopped == PREFLIGHT:
                load_error = _preflight_stopped(child, settings)
                break
            if stopped in by_nodeid and stopped not in results:
                check = by_nodeid[stopped]
                if child.timed_out:
                    report(_timeout_result(check, settings.time_limit, child), stopped)
                    line = _line_of(child.where)
                    if line is not None:
                        hung_at.setdefault(line, str(check["name"]))
                else:
                    report(_crash_result(check, child), stopped)
            remaining = [c["nodeid"] for c in order if c["nodeid"] not in results]
            if settings.first_failure_only and any(r.outcome.is_failure for r in results.values()):
                break
            if not remaining or not (child.timed_out or child.running):
                break
            selected = remaining
        checks = tuple(results.get(c["nodeid"]) or _not_run(c) for c in order) if not load_error else ()
        notices = (f"Your code printed more than {settings.output_cap // 1024} KB; the rest "
                   "was not kept.",) if dropped else ()
        return LessonReport(
            lesson_id=lesson.id, slug=lesson.slug, title=lesson.title, checks=checks,
            load_error=load_error, duration=time.monotonic() - began,
            output=_output_text(output, dropped, {c["nodeid"]: str(c["name"]) for c in order}),
            notices=notices, printed_lines=_printed_lines(output),
        )
    finally:
        remove_tree(scratch)


def _not_run(check: dict[str, Any]) -> CheckResult:
    return CheckResult(id=str(check["id"]), name=str(check["name"]), outcome=Outcome.ERROR,
                       message="could not check: the checks stopped before reaching this one.")


def _preflight_stopped(child: _Child, settings: RunSettings) -> LoadError:
    where = child.where or {}
    file, line = where.get("file") or f"{ENTRY_MODULE}.py", where.get("line")
    if child.timed_out:
        return LoadError(
            f"Importing {ENTRY_MODULE}.py did not finish within {settings.time_limit:g} s"
            f"{_still_running(where)}, so no check could run. Something at the top level of "
            "your module runs forever: an endless loop, a server started at import time, or a "
            "call that waits.", file=file, line=line)
    return LoadError(
        f"Importing {ENTRY_MODULE}.py ended the process (it {_ended(child.returncode, where)}), "
        "so no check could run. Remove the sys.exit(), os._exit() or kill at the top level of "
        "your module.", file=file, line=line)


def _not_collected(lesson: Lesson, child: _Child, settings: RunSettings) -> LoadError:
    tail = "\n".join([*child.collect_errors, child.output.decode("utf-8", "replace")])[-4000:]
    if child.timed_out:
        reason = f"did not start within {settings.startup_limit:g} s"
    else:
        reason = f"could not be collected (pytest {_ended(child.returncode)})"
    return LoadError(
        f"The checks of lesson {lesson.id} {reason}. This is a problem with the course "
        "installation, not with your code.", detail=tail)
