"""Run a lesson's hidden checks in a child pytest process and return a ``LessonReport``.

The child works on a temporary copy of the learner's folder, so a check never writes to the
workspace. It reports each check as an event on a pipe; this side keeps the time limit. A check
that runs past it is first asked where the learner's code is (``checking.ending``), then has its
whole process group killed (an exception handler in the learner's code cannot swallow SIGKILL),
is reported as timed out at that line, and a fresh child runs the checks that remain.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flaskcourse import launch
from flaskcourse.catalog import Lesson
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


@dataclass(frozen=True)
class RunSettings:
    """Limits of one run; the per-check time limit comes from the catalog."""

    time_limit: float
    startup_limit: float = 60.0
    output_cap: int = 64 * 1024
    memory_limit: int | None = 2 * 1024**3
    first_failure_only: bool = False  # mutation testing: one failing check is enough


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
    collect_errors: list[str] = field(default_factory=list)
    finished: bool = False


def _child_env(code: Path, shown: Path, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FLASK_", "PYTEST_", "FLASKCOURSE_")) and k not in ("PYTHONPATH", "PYTHONSTARTUP")}
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


def _pytest_args(lesson: Lesson, code: Path, shown: Path, targets: list[str],
                 settings: RunSettings) -> list[str]:
    return [
        *(["--exitfirst"] if settings.first_failure_only else []),
        "-p", "flaskcourse.checking.plugin",
        *(arg for plugin in UNUSED_PLUGINS for arg in ("-p", f"no:{plugin}")), "-c", str(CHECKS_INI),
        "--rootdir", str(lesson.checks_dir), "--import-mode=importlib",
        # No capture: what the app prints goes straight to the output pipe, where the runner
        # caps it, instead of piling up in a temporary file per check (100 MB, or more). No
        # terminal report either: results travel as events, so the output is the app's alone.
        "-p", "no:terminal", "--capture=no",
        "--learner-dir", str(code), "--shown-dir", str(shown),
        *targets,
    ]


def _handle(event: dict[str, Any], child: _Child, on_result: Callable[[CheckResult], None] | None) -> None:
    kind = event["event"]
    if kind == "collected":
        child.collected = [c for c in event.get("checks", []) if isinstance(c, dict)]
        child.pid = event.get("pid") if isinstance(event.get("pid"), int) else None
    elif kind == "start":
        child.running = str(event.get("nodeid"))
        child.where = None
    elif kind == "where":
        child.where = event
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


def _run_child(args: list[str], env: dict[str, str], cwd: Path, settings: RunSettings,
               modules: tuple[str, ...], on_result: Callable[[CheckResult], None] | None) -> _Child:
    child = _Child()
    proc = launch.start(args, env, cwd, settings.memory_limit, modules)
    selector = selectors.DefaultSelector()
    selector.register(proc.events_fd, selectors.EVENT_READ, "events")
    selector.register(proc.output_fd, selectors.EVENT_READ, "output")
    pending = b""
    started = last_activity = time.monotonic()
    exited_at: float | None = None
    asked_at: float | None = None
    try:
        while selector.get_map():
            now = time.monotonic()
            if child.running and now - started > settings.time_limit:
                # Out of time: ask where the learner's code is stuck, then end it either way.
                if asked_at is None:
                    asked_at = now
                    _ask_where(child)
                if child.where is not None or now - asked_at > WHERE_GRACE_SECONDS:
                    child.timed_out = child.running
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
                            started = last_activity
    finally:
        selector.close()
        child.returncode = proc.kill()
        os.close(proc.events_fd)
    return child


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


def _timeout_result(check: dict[str, Any], limit: float, where: dict[str, Any] | None) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.TIMEOUT, duration=limit,
        message=f"timed out after {limit:g} s: your code did not answer{_still_running(where)}. "
                "Look for an endless loop, or a call that waits forever (a sleep, a lock, "
                "input(), a request without a timeout).",
    )


def _crash_result(check: dict[str, Any], returncode: int | None,
                  where: dict[str, Any] | None) -> CheckResult:
    return CheckResult(
        id=str(check["id"]), name=str(check["name"]), outcome=Outcome.FAILED,
        message=f"the process running your app {_ended(returncode, where)} during this check. "
                "Code that calls sys.exit(), os._exit() or kills its own process ends the "
                "checks; let Flask answer with an error response instead.",
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


def run_checks(lesson: Lesson, folder: Path, *, shown: Path | None = None,
               settings: RunSettings | None = None,
               on_result: Callable[[CheckResult], None] | None = None) -> LessonReport:
    """Run every check of ``lesson`` against a copy of ``folder``; never writes to ``folder``."""
    settings = settings or RunSettings(time_limit=lesson.time_limit)
    shown = shown or folder
    began = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix=f"flaskcourse-{lesson.id}-"))
    try:
        code = scratch / lesson.name
        copy_tree(folder, code, overwrite=True)
        code.mkdir(exist_ok=True)
        env = _child_env(code, shown, scratch)
        order: list[dict[str, Any]] = []
        results: dict[str, CheckResult] = {}
        targets = [str(lesson.checks_dir)]
        output, dropped = bytearray(), 0
        load_error: LoadError | None = None
        while targets:
            child = _run_child(_pytest_args(lesson, code, shown, targets, settings), env, code, settings,
                               modules_for(lesson), on_result)
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
            stopped = child.timed_out or child.running
            if stopped == PREFLIGHT:
                load_error = _preflight_stopped(child, settings)
                break
            if stopped in by_nodeid and stopped not in results:
                check = by_nodeid[stopped]
                made = (_timeout_result(check, settings.time_limit, child.where) if child.timed_out
                        else _crash_result(check, child.returncode, child.where))
                results[stopped] = made
                if on_result:
                    on_result(made)
            remaining = [c["nodeid"] for c in order if c["nodeid"] not in results]
            if settings.first_failure_only and any(r.outcome.is_failure for r in results.values()):
                break
            if not remaining or not (child.timed_out or child.running):
                break
            targets = [f"{lesson.checks_dir / n.split('::')[0]}::{n.split('::', 1)[1]}" for n in remaining]
        checks = tuple(results.get(c["nodeid"]) or _not_run(c) for c in order) if not load_error else ()
        notices = (f"Your code printed more than {settings.output_cap // 1024} KB; the rest "
                   "was not kept.",) if dropped else ()
        return LessonReport(
            lesson_id=lesson.id, slug=lesson.slug, title=lesson.title, checks=checks,
            load_error=load_error, duration=time.monotonic() - began,
            output=_output_text(output, dropped, {c["nodeid"]: str(c["name"]) for c in order}),
            notices=notices,
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
