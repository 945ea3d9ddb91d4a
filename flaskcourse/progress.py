"""The learner's progress and check history, in SQLite under ``<workspace>/.flaskcourse/``.

Every write is one short ``BEGIN IMMEDIATE`` transaction with a generous busy timeout, so two
terminals checking at once both get recorded. Lessons are keyed by id, never by position. A
damaged database, or one from a newer flaskcourse, is kept aside and a fresh one started.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from flaskcourse.errors import WorkspaceUnwritable
from flaskcourse.outcomes import Outcome

if TYPE_CHECKING:
    from flaskcourse.report import LessonReport

SCHEMA_VERSION = 1
WRITABLE_HINT = "Check that the workspace folder, and .flaskcourse/ in it, can be written to."
BUSY_TIMEOUT_MS = 30_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS lessons (
    lesson_id   TEXT PRIMARY KEY,
    started_at  TEXT,
    passed_at   TEXT,
    hints_shown INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson_id   TEXT NOT NULL,
    at          TEXT NOT NULL,
    passed      INTEGER NOT NULL,
    n_passed    INTEGER NOT NULL,
    n_failed    INTEGER NOT NULL,
    n_error     INTEGER NOT NULL,
    n_total     INTEGER NOT NULL,
    load_error  INTEGER NOT NULL,
    duration    REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Attempt:
    lesson_id: str
    at: str
    passed: bool
    n_passed: int
    n_total: int
    load_error: bool


@dataclass(frozen=True)
class LessonState:
    started_at: str | None
    passed_at: str | None
    hints_shown: int


class Progress:
    """A connection to one workspace's progress database."""

    def __init__(self, connection: sqlite3.Connection, notices: list[str], path: Path) -> None:
        self._db = connection
        self.notices = notices
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Progress:
        """Open (or create) the database, setting a damaged or foreign one aside."""
        notices: list[str] = []
        try:
            return cls(_connect(path), notices, path)
        except _Unusable as why:
            kept = _set_aside(path)
            notices.append(
                f"Your progress file {path.name} {why}. It was kept as {kept.name} and a fresh "
                "one was started: your code is untouched, but lesson states and check history "
                "start over (run `flaskcourse check` in a lesson to mark it passed again)."
            )
        except sqlite3.OperationalError as exc:
            raise WorkspaceUnwritable(f"Cannot open the progress file {path}: {exc}.",
                                      hint=WRITABLE_HINT) from exc
        return cls(_connect(path), notices, path)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise
            why = (f"{self.path} (or the folder it is in) is read-only"
                   if "readonly" in str(exc).replace("-", "") else str(exc))
            raise WorkspaceUnwritable(f"Cannot save your progress: {why}.",
                                      hint=WRITABLE_HINT) from exc

    def _ensure(self, db: sqlite3.Connection, lesson_id: str) -> None:
        db.execute("INSERT OR IGNORE INTO lessons (lesson_id) VALUES (?)", (lesson_id,))

    def mark_started(self, lesson_id: str) -> None:
        with self._write() as db:
            self._ensure(db, lesson_id)
            db.execute("UPDATE lessons SET started_at = COALESCE(started_at, ?) WHERE lesson_id = ?",
                       (_now(), lesson_id))
            db.execute("INSERT OR REPLACE INTO settings VALUES ('current', ?)", (lesson_id,))

    def set_current(self, lesson_id: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES ('current', ?)", (lesson_id,))

    def current(self) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = 'current'").fetchone()
        return row[0] if row else None

    def state(self, lesson_id: str) -> LessonState:
        row = self._db.execute(
            "SELECT started_at, passed_at, hints_shown FROM lessons WHERE lesson_id = ?",
            (lesson_id,)).fetchone()
        return LessonState(*row) if row else LessonState(None, None, 0)

    def record(self, report: LessonReport) -> None:
        """Store one check run; a pass marks the lesson passed (the first pass date is kept)."""
        with self._write() as db:
            self._ensure(db, report.lesson_id)
            db.execute(
                "INSERT INTO attempts (lesson_id, at, passed, n_passed, n_failed, n_error, "
                "n_total, load_error, duration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (report.lesson_id, _now(), int(report.passed), report.count(Outcome.PASSED),
                 sum(1 for c in report.checks if c.outcome.is_failure),
                 report.count(Outcome.ERROR), len(report.checks),
                 int(report.load_error is not None), report.duration))
            if report.passed:
                db.execute("UPDATE lessons SET passed_at = COALESCE(passed_at, ?), "
                           "started_at = COALESCE(started_at, ?) WHERE lesson_id = ?",
                           (_now(), _now(), report.lesson_id))

    def take_hint(self, lesson_id: str, available: int) -> tuple[int, bool]:
        """The index of the hint to show now, and whether every hint was shown already (the
        last one comes again); each call moves on by one, up to the last."""
        with self._write() as db:
            self._ensure(db, lesson_id)
            (shown,) = db.execute("SELECT hints_shown FROM lessons WHERE lesson_id = ?",
                                  (lesson_id,)).fetchone()
            index = min(shown, available - 1)
            db.execute("UPDATE lessons SET hints_shown = ? WHERE lesson_id = ?",
                       (min(shown + 1, available), lesson_id))
        return index, shown >= available

    def history(self, limit: int = 20) -> list[Attempt]:
        rows = self._db.execute(
            "SELECT lesson_id, at, passed, n_passed, n_total, load_error FROM attempts "
            "ORDER BY id DESC LIMIT ?", (limit,))
        return [Attempt(r[0], r[1], bool(r[2]), r[3], r[4], bool(r[5])) for r in rows]

    def attempt_count(self, lesson_id: str) -> int:
        (count,) = self._db.execute("SELECT COUNT(*) FROM attempts WHERE lesson_id = ?",
                                    (lesson_id,)).fetchone()
        return count


class _Unusable(Exception):
    """The file is there but is not a progress database this version can use."""


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise _Unusable(f"was written by a newer flaskcourse (format {version}; this one reads {SCHEMA_VERSION})")
        (verdict,) = db.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise _Unusable("is damaged")
        if version < SCHEMA_VERSION:
            db.executescript(f"BEGIN IMMEDIATE;{SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
    except sqlite3.DatabaseError as exc:
        db.close()
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace("-", ""):
            raise
        raise _Unusable("is damaged or is not a progress database") from exc
    except _Unusable:
        db.close()
        raise
    return db


def _set_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unusable-{stamp}")
    path.rename(target)
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return target
