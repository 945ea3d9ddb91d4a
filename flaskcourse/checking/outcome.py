"""Turn pytest's phase reports for one check into a learner-facing result dictionary.

The rule that matters: a failure is blamed on the learner only when the learner's code is at
fault (a CheckFailure, an assertion, an exception raised in the learner's file, a refused network
call). A check that breaks on its own is "could not check", never the learner's fault.
"""

from __future__ import annotations

from typing import Any

import pytest

from flaskcourse.checking import learner
from flaskcourse.checking.failure import CheckFailure


def check_name(item: pytest.Item) -> str:
    """The sentence a learner sees: the first line of the check's docstring."""
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    first = doc.strip().splitlines()[0].strip() if doc.strip() else ""
    return first or item.name.removeprefix("test_").replace("_", " ")


def _innermost_is_learner(exc: BaseException) -> bool:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and learner.is_learner_file(last.tb_frame.f_code.co_filename)


def _from_exception(exc: BaseException, when: str) -> dict[str, Any]:
    if isinstance(exc, CheckFailure):
        return {"outcome": "failed", "message": str(exc), "request": exc.request,
                "expected": exc.expected, "got": exc.got, "help": exc.help}
    if isinstance(exc, AssertionError) and when == "call":
        return {"outcome": "failed", "message": str(exc).strip() or "an expectation did not hold"}
    if learner.learner_frames(exc.__traceback__) and _innermost_is_learner(exc):
        message = learner.describe_exception(exc, "your code raised")
        if isinstance(exc, SystemExit):
            message += ("\nsys.exit() leaves the request without an answer: in a view, return "
                        "an error response instead (abort(400), or a message and a status).")
        return {"outcome": "failed", "message": message}
    return {
        "outcome": "error",
        "message": "could not check: the check itself broke, which is a bug in the course, "
                   f"not in your code ({type(exc).__name__}: {exc})",
    }


def classify(item: pytest.Item, phases: dict[str, tuple[pytest.TestReport, BaseException | None]],
             network: list[str], thread_errors: str | None = None) -> dict[str, Any]:
    """One result dictionary (see ``flaskcourse.report.CheckResult``) for a finished check."""
    duration = sum(report.duration for report, _ in phases.values())
    result: dict[str, Any] = {"id": item.name, "name": check_name(item), "outcome": "passed",
                              "duration": duration}
    for when in ("setup", "call", "teardown"):
        if when not in phases:
            continue
        report, exc = phases[when]
        if report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            result.update(outcome="skipped", message=str(reason).removeprefix("Skipped: "))
            return result
        if report.failed:
            if exc is None:
                result.update(outcome="error", message=f"could not check ({when} failed)")
            else:
                result.update(_from_exception(exc, when))
            break
    notes = []
    if network and result["outcome"] != "passed":
        notes.append("your code tried to reach the network (" + ", ".join(sorted(set(network)))
                     + "). Checks run offline; call outside services the way the lesson shows, "
                       "so the checks can stand in for them.")
        result["outcome"] = "failed"
    if thread_errors and result["outcome"] == "failed":
        notes.append(thread_errors)
    for note in notes:
        if note in (result.get("help") or "") or note in (result.get("message") or ""):
            continue
        if result.get("expected"):
            result["help"] = f"{note}\n{result.get('help') or ''}".strip()
        else:
            result["message"] = f"{note}\n{result.get('message') or ''}".strip()
    return result
