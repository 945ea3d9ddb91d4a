"""Cases 10 and 11: a progress database that is damaged or from a future version, and two
terminals checking at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.conftest import GOOD, Learner


def truncate(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:1500])


def scribble(db: Path) -> None:
    db.write_text("my shopping list: eggs, flour, milk\n" * 50)


def from_the_future(db: Path) -> None:
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA user_version = 99")
    raw.close()


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (truncate, "is damaged or is not a progress database"),
    "not a database": (scribble, "is damaged or is not a progress database"),
    "from a future version": (from_the_future, "was written by a newer flaskcourse (format 99"),
}


@pytest.mark.parametrize(("damage", "why"), DAMAGES.values(), ids=DAMAGES)
def test_an_unusable_progress_file_is_kept_aside_and_a_fresh_one_made(
        learner: Learner, damage: Callable[[Path], None], why: str) -> None:
    learner.start(app=GOOD)
    assert learner.run("check").returncode == 0
    db = learner.root / ".flaskcourse/progress.sqlite3"
    damage(db)
    damaged = db.read_bytes()
    before = learner.snapshot()
    ran = learner.run("check", cwd=learner.lesson())
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    assert f"Note: Your progress file progress.sqlite3 {why}" in ran.said
    assert "your code is untouched" in ran.said
    assert ran.said.count("Note: Your progress file") == 1
    assert "Traceback" not in ran.said
    (kept,) = db.parent.glob("progress.sqlite3.unusable-*")
    assert kept.read_bytes() == damaged
    assert f"It was kept as {kept.name}" in ran.said
    assert [a.passed for a in learner.attempts()] == [True]
    assert learner.state().passed_at
    assert learner.snapshot() == before
    again = learner.run("list")
    assert again.returncode == 0 and "Note:" not in again.said
    assert "→ 01 Three pages passed" in again.said


def test_two_terminals_checking_at_once_are_both_recorded(learner: Learner) -> None:
    learner.start(app=GOOD)
    learner.start("02")
    before = learner.snapshot()
    running = [learner.launch("check", "01"), learner.launch("check", "01"),
               learner.launch("check", "02")]
    ran = [r.finish() for r in running]
    assert [r.returncode for r in ran] == [0, 0, 1], "\n".join(map(str, ran))
    for one in ran:
        assert "locked" not in one.said.lower() and "Traceback" not in one.said
    assert sorted((a.lesson_id, a.passed) for a in learner.attempts()) == [
        ("01", True), ("01", True), ("02", False)]
    assert learner.state("01").passed_at
    assert learner.snapshot() == before
