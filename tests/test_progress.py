"""Progress in real SQLite: records, hints, concurrency, and damaged files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from flaskcourse.progress import SCHEMA_VERSION, Progress
from flaskcourse.report import CheckResult, LessonReport, Outcome


def report(lesson: str, passed: bool) -> LessonReport:
    outcome = Outcome.PASSED if passed else Outcome.FAILED
    return LessonReport(lesson, "slug", "title", (CheckResult("test_x", "x", outcome),))


def test_records_attempts_and_keeps_the_first_pass(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    progress = Progress.open(db)
    progress.record(report("11", False))
    assert progress.state("11").passed_at is None
    progress.record(report("11", True))
    first = progress.state("11").passed_at
    progress.record(report("11", True))
    assert progress.state("11").passed_at == first
    assert [a.passed for a in progress.history()] == [True, True, False]
    assert progress.attempt_count("11") == 3
    progress.close()


def test_current_lesson_and_hints_survive_reopening(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    progress = Progress.open(db)
    progress.mark_started("14")
    assert [progress.take_hint("14", 3) for _ in range(5)] == [
        (0, False), (1, False), (2, False), (2, True), (2, True)]
    progress.close()
    again = Progress.open(db)
    assert again.current() == "14"
    assert again.state("14").hints_shown == 3
    assert again.notices == []


def test_a_damaged_file_is_kept_aside_and_a_fresh_one_made(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    progress = Progress.open(db)
    assert "is damaged or is not a progress database" in progress.notices[0]
    assert "your code is untouched" in progress.notices[0]
    kept = list(tmp_path.glob("progress.sqlite3.unusable-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    progress.record(report("01", True))
    assert progress.state("01").passed_at


def test_a_truncated_file_is_kept_aside(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    progress = Progress.open(db)
    for _ in range(50):
        progress.record(report("01", False))
    progress.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    reopened = Progress.open(db)
    assert reopened.notices and "unusable" in reopened.notices[0]


def test_a_file_from_a_newer_version_is_kept_aside(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    progress = Progress.open(db)
    assert "written by a newer flaskcourse" in progress.notices[0]


WRITER = """
import sys
from flaskcourse.progress import Progress
from flaskcourse.report import CheckResult, LessonReport, Outcome
progress = Progress.open(__import__("pathlib").Path(sys.argv[1]))
for i in range(40):
    progress.record(LessonReport(sys.argv[2], "s", "t", (CheckResult("c", "c", Outcome.PASSED),)))
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), lesson],
                              stderr=subprocess.PIPE, text=True) for lesson in ("01", "02")]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    progress = Progress.open(db)
    assert progress.attempt_count("01") == 40 and progress.attempt_count("02") == 40


def test_a_database_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    import pytest

    from flaskcourse.errors import WorkspaceUnwritable

    progress = Progress.open(tmp_path / "progress.sqlite3")
    progress._db.execute("PRAGMA query_only = ON")  # what a read-only folder does to writes
    with pytest.raises(WorkspaceUnwritable) as caught:
        progress.record(report("01", True))
    assert caught.value.message == (f"Cannot save your progress: {tmp_path / 'progress.sqlite3'} "
                                    "(or the folder it is in) is read-only.")
    assert progress.history() == []
