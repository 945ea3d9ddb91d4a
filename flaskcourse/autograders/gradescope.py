"""Gradescope's autograder: the zip it builds an image from, and the run inside that image.

The zip holds ``setup.sh`` (installs the wheel of this flaskcourse beside it into a virtual
environment of its own), ``run_autograder`` (runs ``flaskcourse autograder gradescope-run``)
and the wheel. Inside the container the submission is graded exactly as ``grade`` grades one,
and ``results/results.json`` is written in Gradescope's format: the score, a test per check with
its points, status and output, and a first test, always visible, that says whether the
submission loaded at all. ``FLASKCOURSE_AUTOGRADER_ROOT`` stands in for ``/autograder``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flaskcourse.autograders.wheel import STAMP, build_wheel
from flaskcourse.catalog import Course, Lesson
from flaskcourse.checking.learner import ENTRY_MODULE
from flaskcourse.grading import EARNS, Column, Graded, columns_for, grade_one
from flaskcourse.report import CheckResult, Outcome
from flaskcourse.submissions import ARCHIVE_SUFFIX, Submission

ROOT_ENV = "FLASKCOURSE_AUTOGRADER_ROOT"
DEFAULT_ROOT = Path("/autograder")
SCRIPTS = Path(__file__).resolve().parent / "scripts"
SHOWN_WHEN = {"visible": "at once", "after_due_date": "after the due date",
              "after_published": "once the grades are published",
              "hidden": "to the teacher only"}
LOADS = "your submission loads"


@dataclass(frozen=True)
class Settings:
    """Who sees what, and when."""

    visibility: str = "after_due_date"
    """When learners see each check (its name, points and details)."""
    stdout_visibility: str = "hidden"
    """When learners see what the grader printed (Gradescope shows it to teachers only)."""

    @property
    def said(self) -> str:
        return (f"Learners see whether their submission loads at once, and each check and what "
                f"it found {SHOWN_WHEN[self.visibility]}.")

    @property
    def options(self) -> str:
        return f"--visibility {self.visibility} --stdout-visibility {self.stdout_visibility}"


def default_root() -> Path:
    return Path(os.environ.get(ROOT_ENV) or DEFAULT_ROOT)


def build(course: Course, lesson: Lesson, output: Path, settings: Settings) -> tuple[str, ...]:
    """Write the autograder zip to ``output``; returns the names it holds."""
    columns_for(lesson)  # points that name no check fail here, not in every learner's run
    with tempfile.TemporaryDirectory(prefix="flaskcourse-gradescope-") as tmp:
        wheel = build_wheel(course, Path(tmp))
        scripts = {
            "setup.sh": _script("setup.sh", WHEEL=wheel.name),
            "run_autograder": _script("run_autograder", LESSON=lesson.id,
                                      OPTIONS=settings.options),
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(f".{output.name}.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in scripts.items():
                member = zipfile.ZipInfo(name, STAMP)
                member.external_attr = 0o755 << 16
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, text)
            member = zipfile.ZipInfo(wheel.name, STAMP)
            member.external_attr = 0o644 << 16
            archive.writestr(member, wheel.read_bytes())
        os.replace(partial, output)
    return (*scripts, wheel.name)


def _script(name: str, **values: str) -> str:
    text = (SCRIPTS / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def run(lesson: Lesson, root: Path, settings: Settings) -> tuple[Graded, Path]:
    """Grade ``root/submission`` and write ``root/results/results.json``."""
    columns = columns_for(lesson)
    began = time.monotonic()
    folder = root / "submission"
    submission = Submission("submission", _archive_alone(folder) or folder)
    if folder.is_dir():
        graded = grade_one(lesson, submission, columns)
    else:
        graded = Graded(submission, None, f"nothing was submitted ({folder} does not exist)")
    data = results(lesson, graded, columns, settings, time.monotonic() - began)
    path = root / "results" / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return graded, path


def _archive_alone(folder: Path) -> Path | None:
    """A submission that is one .zip and nothing else (an upload Gradescope did not unpack)."""
    if not folder.is_dir():
        return None
    entries = [e for e in folder.iterdir() if not e.name.startswith(".")]
    alone = len(entries) == 1 and entries[0].is_file()
    return entries[0] if alone and entries[0].suffix.lower() == ARCHIVE_SUFFIX else None


def results(lesson: Lesson, graded: Graded, columns: tuple[Column, ...], settings: Settings,
            duration: float) -> dict[str, Any]:
    """``results.json`` for one graded submission, in Gradescope's format."""
    report = graded.report
    by_id = {c.id: c for c in report.checks} if report else {}
    loaded = report is not None and report.load_error is None
    tests: list[dict[str, Any]] = [{
        "name": LOADS, "name_format": "text", "status": "passed" if loaded else "failed",
        "output": _loading(lesson, graded, len(columns)), "output_format": "text",
        "visibility": "visible",
    }]
    for number, column in enumerate(columns, 1):
        outcome = graded.outcomes.get(column.id)
        earned = outcome in EARNS
        tests.append({
            "name": column.name, "name_format": "text", "number": str(number),
            "score": column.points if earned else 0.0, "max_score": column.points,
            "status": "passed" if earned else "failed",
            "output": _output(by_id.get(column.id), loaded), "output_format": "text",
            "visibility": settings.visibility,
            "extra_data": {"id": column.id, "outcome": outcome.value if outcome else None},
        })
    total = sum(c.points for c in columns)
    if settings.visibility == "visible":
        summary = (f"{graded.passed} of {len(columns)} checks pass ({graded.score:g} of "
                   f"{total:g} points).")
    else:
        summary = (f"Your submission was checked against the {len(columns)} checks of lesson "
                   f"{lesson.id}; what each found is shown {SHOWN_WHEN[settings.visibility]}.")
    return {
        "score": graded.score, "execution_time": round(duration), "output": summary,
        "output_format": "text", "test_output_format": "text", "test_name_format": "text",
        "stdout_visibility": settings.stdout_visibility, "tests": tests,
    }


def _loading(lesson: Lesson, graded: Graded, checks: int) -> str:
    if graded.refused is not None:
        return f"Your submission could not be graded: {graded.refused}"
    assert graded.report is not None
    error = graded.report.load_error
    if error is None:
        return f"{ENTRY_MODULE}.py loaded, and the {checks} checks of lesson {lesson.id} ran."
    where = f" ({error.file}, line {error.line})" if error.file and error.line else ""
    return f"Your app did not load{where}: {error.message}" + (
        f"\n\n{error.detail}" if error.detail else "")


def _output(result: CheckResult | None, loaded: bool) -> str:
    if result is None:
        return ("not run: " + ("the submission did not load" if not loaded
                               else "the checks stopped before this one") + ".")
    if result.outcome is Outcome.PASSED:
        return ""
    details = result.details
    return details if result.message in details else f"{result.message}\n{details}"
