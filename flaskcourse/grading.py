"""Grading a class: each submission checked exactly as `check` checks a learner's folder.

Every submission gets the runner's isolated copy, time limits and network guard; several run at
once, each forked from the one warm parent. A submission that does not load, hangs or floods
is one row with its reason and never stops the others. Scores use the catalog's points (one per
check unless the lesson says otherwise), and every row has a column for every check of the
lesson, read from the check files, so rows line up even when a submission's checks never ran.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from flaskcourse.catalog import Lesson
from flaskcourse.checkindex import check_names
from flaskcourse.errors import CourseError
from flaskcourse.prepared import PreparedSessions
from flaskcourse.report import LessonReport, Outcome
from flaskcourse.runner import RunSettings, run_checks
from flaskcourse.submissions import Refused, Submission, opened

DEFAULT_POINTS = 1.0
EARNS = (Outcome.PASSED, Outcome.SKIPPED)
"""A skipped check is not held against the learner: it earns its points, as it passes `check`."""


@dataclass(frozen=True)
class Column:
    """One check of the lesson, as the roster shows it."""

    id: str
    name: str
    points: float


def unknown_points(lesson: Lesson) -> list[str]:
    """The check ids the catalog gives points to that the lesson has no check for."""
    return sorted(set(dict(lesson.points)) - set(check_names(lesson)))


def columns_for(lesson: Lesson) -> tuple[Column, ...]:
    """The lesson's checks in the order they run, with their points; a catalog that gives
    points to a check the lesson does not have is a CourseError."""
    names = check_names(lesson)
    points = dict(lesson.points)
    unknown = unknown_points(lesson)
    if unknown:
        raise CourseError(
            f"The catalog gives points to {', '.join(unknown)}, which lesson {lesson.id} has no "
            f"check called (its checks are {', '.join(names) or 'none'}).",
            hint="Fix the `points` table of the lesson in course/course.toml.")
    if not names:
        raise CourseError(f"Lesson {lesson.id} has no checks to grade with.")
    return tuple(Column(check, name, points.get(check, DEFAULT_POINTS))
                 for check, name in names.items())


@dataclass(frozen=True)
class Graded:
    """One learner's result: the report of the run, or why there could be none."""

    submission: Submission
    report: LessonReport | None
    refused: str | None = None
    """Why the submission could not be graded as it is (an unsafe archive, no app.py)."""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    score: float = 0.0

    @classmethod
    def of(cls, submission: Submission, report: LessonReport,
           columns: Sequence[Column]) -> Graded:
        outcomes = {c.id: c.outcome for c in report.checks}
        score = sum(c.points for c in columns if outcomes.get(c.id) in EARNS)
        return cls(submission, report, None, outcomes, score)

    @property
    def learner(self) -> str:
        return self.submission.learner

    @property
    def passed(self) -> int:
        return sum(1 for outcome in self.outcomes.values() if outcome in EARNS)

    @property
    def could_not_check(self) -> int:
        """Checks that broke (never the learner's fault): their score is not to be trusted."""
        return sum(1 for outcome in self.outcomes.values() if outcome is Outcome.ERROR)

    @property
    def complete(self) -> bool:
        """True when this row's score stands: graded, and no check broke."""
        return self.refused is None and not self.could_not_check

    @property
    def note(self) -> str:
        """Why the row is what it is, in one line, when it needs saying."""
        if self.refused is not None:
            return f"not graded: {self.refused}"
        assert self.report is not None
        if self.report.load_error is not None:
            return f"did not load: {self.report.load_error.message.splitlines()[0]}"
        if self.could_not_check:
            return (f"{self.could_not_check} check{'s' if self.could_not_check > 1 else ''} "
                    "could not check (not the learner's fault)")
        hung = next((c for c in self.report.checks if c.outcome is Outcome.TIMEOUT), None)
        if hung is not None:
            return f"hangs{f' at {hung.stuck_at}' if hung.stuck_at else ''} (timed out)"
        return " ".join(self.report.notices)


@dataclass(frozen=True)
class Roster:
    """A class graded on one lesson: a row per submission, in the order they were named."""

    lesson: Lesson
    columns: tuple[Column, ...]
    rows: tuple[Graded, ...]
    duration: float = 0.0

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.columns)

    @property
    def complete(self) -> bool:
        return all(row.complete for row in self.rows)

    def passed_by(self, column: Column) -> int:
        """How many submissions pass this check."""
        return sum(1 for row in self.rows if row.outcomes.get(column.id) in EARNS)


def default_jobs() -> int:
    """One submission at a time per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def grade_one(lesson: Lesson, submission: Submission, columns: Sequence[Column],
              cancel: threading.Event | None = None,
              sessions: PreparedSessions | None = None) -> Graded:
    """Check one submission as `check` would, on a copy; never changes it. With ``sessions``,
    the run forks from the lesson's prepared session (``flaskcourse.prepared``)."""
    settings = RunSettings(time_limit=lesson.time_limit, sessions=sessions)
    try:
        with opened(submission, lesson) as folder:
            report = run_checks(lesson, folder, shown=submission.path, cancel=cancel,
                                settings=settings)
    except Refused as why:
        return Graded(submission, None, str(why))
    return Graded.of(submission, report, columns)


def grade(lesson: Lesson, submissions: Sequence[Submission], *, jobs: int | None = None,
          on_graded: Callable[[Graded], None] | None = None) -> Roster:
    """Grade every submission, ``jobs`` at a time; ``on_graded`` hears of each as it is done.
    Ctrl-C stops the runs under way at once (their processes are ended) and is raised again."""
    columns = columns_for(lesson)
    began = time.monotonic()
    cancel = threading.Event()
    done: dict[int, Graded] = {}
    sessions = PreparedSessions()  # one pytest collection for the whole class
    pool = ThreadPoolExecutor(max_workers=jobs or default_jobs())
    try:
        futures = {pool.submit(grade_one, lesson, submission, columns, cancel, sessions): index
                   for index, submission in enumerate(submissions)}
        for future in as_completed(futures):
            graded = future.result()
            done[futures[future]] = graded
            if on_graded:
                on_graded(graded)
    except BaseException:
        cancel.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        sessions.close()
    return Roster(lesson, columns, tuple(done[i] for i in range(len(submissions))),
                  time.monotonic() - began)

