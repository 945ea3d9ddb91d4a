"""What each command does, as plain functions that return result objects.

The CLI parses arguments, calls one of these and hands the result to the renderer; tests call
them directly. Nothing here prints.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import CourseError, WorkspaceUnwritable
from flaskcourse.files import learner_files
from flaskcourse.workspace import (
    Workspace, find_workspace, latest_snapshot, lesson_here, named_home_problem,
    open_or_create_workspace, replace_lesson_files, require_workspace, scaffold, snapshot, writing,
)

if TYPE_CHECKING:
    from flaskcourse.progress import Attempt, Progress
    from flaskcourse.report import CheckResult
    from flaskcourse.results import Checked, Hint, Reset, ServeTarget, Solution, Started

NOT_STARTED, STARTED, PASSED = "not started", "started", "passed"


@dataclass
class Context:
    """The course and where the learner stands; notices collect what the learner must be told."""

    course: Course
    cwd: Path
    notices: list[str] = field(default_factory=list)

    @contextmanager
    def progress(self, workspace: Workspace) -> Iterator[Progress]:
        from flaskcourse.progress import Progress  # SQLite: only where there is a workspace

        progress = Progress.open(workspace.database)
        self.notices.extend(progress.notices)
        try:
            yield progress
        finally:
            progress.close()

    @contextmanager
    def state(self) -> Iterator[tuple[Workspace | None, Progress | None]]:
        """The workspace and its progress when there is one, else (None, None)."""
        workspace = find_workspace(self.cwd)
        if workspace is None or not workspace.state_dir.is_dir():
            if named := named_home_problem():
                self.notices.append(f"{named} `flaskcourse start NN` makes a workspace there.")
            yield None, None
            return
        with self.progress(workspace) as progress:
            yield workspace, progress

    def lesson(self, lesson_id: str | None, workspace: Workspace | None,
               progress: Progress | None) -> Lesson:
        """The lesson named, else the one whose folder we stand in, else the current one."""
        if lesson_id:
            return self.course.get(lesson_id)
        if workspace is not None:
            here = lesson_here(self.course, workspace, self.cwd)
            if here is not None:
                return here
        current = progress.current() if progress else None
        if current and current in self.course.ids:
            return self.course.get(current)
        here = [found.id for found in self.course.lessons
                if workspace is not None and workspace.is_started(found)]
        raise CourseError("Which lesson? None was given, and there is no current lesson yet.",
                          hint=f"Name one (your lessons here: {', '.join(here)}), or run the "
                               "command inside a lesson folder." if here else
                               f"Type `flaskcourse start {self.course.lessons[0].id}` to begin.")


def status_of(lesson: Lesson, workspace: Workspace | None, progress: Progress | None) -> str:
    state = progress.state(lesson.id) if progress else None
    if state and state.passed_at:
        return PASSED
    if (state and state.started_at) or (workspace and workspace.is_started(lesson)):
        return STARTED
    return NOT_STARTED


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    status: str
    current: bool


@dataclass(frozen=True)
class Overview:
    """Where the learner is: the lessons with their status, and the current one."""

    workspace: Workspace | None
    rows: tuple[LessonRow, ...]
    current: Lesson | None
    history: tuple[Attempt, ...] = ()

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.status == PASSED)

    @property
    def up_next(self) -> Lesson | None:
        """The lesson `flaskcourse next` starts: the first one not passed. Every screen that
        says what comes next asks this, so they all agree with the command."""
        return next((r.lesson for r in self.rows if r.status != PASSED), None)

    def status(self, lesson: Lesson) -> str:
        return next(r.status for r in self.rows if r.lesson == lesson)


def overview(ctx: Context, history: int = 0) -> Overview:
    with ctx.state() as (workspace, progress):
        if workspace is None or progress is None:
            rows = tuple(LessonRow(lesson, NOT_STARTED, False) for lesson in ctx.course.lessons)
            return Overview(None, rows, None)
        current_id = progress.current()
        here = lesson_here(ctx.course, workspace, ctx.cwd)
        current = here or (ctx.course.get(current_id) if current_id in ctx.course.ids else None)
        rows = tuple(LessonRow(lesson, status_of(lesson, workspace, progress), lesson == current)
                     for lesson in ctx.course.lessons)
        past = tuple(progress.history(history)) if history else ()
    return Overview(workspace, rows, current, past)


class NeedsConfirmation(CourseError):
    """Something the learner should agree to first: seeing the solution of a lesson not passed
    yet, or restoring a lesson folder that was deleted (it may only have been moved)."""


def start(ctx: Context, lesson_id: str, *, confirmed: bool = False) -> Started:
    """Scaffold a lesson (never overwriting) and make it current. The folder of a lesson started
    before that is gone is restored, from the last passing version if there is one, once the
    learner confirms."""
    from flaskcourse.results import Started

    lesson = ctx.course.get(lesson_id)
    existed = find_workspace(ctx.cwd)
    workspace = open_or_create_workspace(ctx.cwd)
    with ctx.progress(workspace) as progress:
        gone = bool(progress.state(lesson.id).started_at) and not workspace.is_started(lesson)
        source = (latest_snapshot(workspace, lesson) or lesson.starter_dir) if gone else None
        if source is not None and not confirmed:
            what = ("the starter files" if source == lesson.starter_dir
                    else f"your last passing version (kept {source.name})")
            raise NeedsConfirmation(
                f"You started lesson {lesson.id} before, but its folder "
                f"{workspace.lesson_dir(lesson)} is gone: it was deleted or moved. It can be "
                f"restored with {what}.",
                hint=f"If you moved it, move it back. Otherwise type `flaskcourse start "
                     f"{lesson.id} --yes` to restore it.")
        with writing(workspace):
            made = scaffold(workspace, lesson, source)
        progress.mark_started(lesson.id)
    here = lesson_here(ctx.course, workspace, ctx.cwd)
    cd = os.path.relpath(made.folder, ctx.cwd) if here not in (None, lesson) else None
    return Started(lesson, workspace, made, existed is None or not existed.state_dir.is_dir(),
                   source, cd)


def next_lesson(ctx: Context) -> Started | None:
    """Start the first lesson not yet passed; None when every lesson is passed."""
    target = overview(ctx).up_next
    return start(ctx, target.id) if target else None


def read(ctx: Context, lesson_id: str | None) -> tuple[Lesson, str]:
    with ctx.state() as (workspace, progress):
        lesson = ctx.lesson(lesson_id, workspace, progress)
    return lesson, lesson.text_path.read_text(encoding="utf-8")


def hint(ctx: Context, lesson_id: str | None) -> Hint:
    """The next hint. A workspace that cannot be written to still shows it, with a note that
    it was not recorded (so the same hint comes next time)."""
    from flaskcourse.results import Hint

    workspace = require_workspace(ctx.cwd)
    with ctx.progress(workspace) as progress:
        lesson = ctx.lesson(lesson_id, workspace, progress)
        total = len(lesson.hints)
        if not total:
            raise CourseError(f"Lesson {lesson.id} has no hints.")
        try:
            index, repeated = progress.take_hint(lesson.id, total)
        except WorkspaceUnwritable as why:
            shown = progress.state(lesson.id).hints_shown
            index, repeated = min(shown, total - 1), shown >= total
            ctx.notices.append(f"This hint was not recorded, so `flaskcourse hint {lesson.id}` "
                               f"will show it again. {why.message} {why.hint}")
    return Hint(lesson, index, lesson.hints[index], repeated)


def target_for_check(ctx: Context, lesson_id: str | None) -> tuple[Workspace, Lesson, Path]:
    workspace = require_workspace(ctx.cwd)
    with ctx.progress(workspace) as progress:
        lesson = ctx.lesson(lesson_id, workspace, progress)
        started = bool(progress.state(lesson.id).started_at)
    return workspace, lesson, workspace.require_started(lesson, started_before=started)


def check(ctx: Context, lesson_id: str | None,
          on_result: Callable[[CheckResult], None] | None = None,
          cancel: threading.Event | None = None) -> Checked:
    """Run the hidden checks on the learner's folder and record the attempt (a workspace that
    cannot be written to still gets the results, with a note that they were not recorded).
    Setting ``cancel`` stops the run with ``runner.Cancelled``; nothing is recorded then."""
    from flaskcourse.results import Checked
    from flaskcourse.runner import run_checks  # imports pytest's world: only when checking

    workspace, lesson, folder = target_for_check(ctx, lesson_id)
    report = run_checks(lesson, folder, on_result=on_result, cancel=cancel)
    first, kept = False, None
    try:
        with ctx.progress(workspace) as progress:
            first = report.passed and not progress.state(lesson.id).passed_at
            progress.record(report)
            progress.set_current(lesson.id)
        with writing(workspace):
            kept = snapshot(workspace, lesson, folder) if report.passed else None
    except WorkspaceUnwritable as why:
        ctx.notices.append(f"This result was not recorded. {why.message} {why.hint}")
    return Checked(lesson, folder, report, first, kept,
                   overview(ctx).up_next if report.passed else None)


def serve_target(ctx: Context, lesson_id: str | None, reference: bool) -> ServeTarget:
    """What ``serve`` runs: the reference, or the learner's own folder."""
    from flaskcourse.results import ServeTarget

    if reference:
        with ctx.state() as (workspace, progress):
            lesson = ctx.lesson(lesson_id, workspace, progress)
        instance = (workspace.state_dir / "reference" / lesson.name / "instance"
                    if workspace is not None else None)
        return ServeTarget(lesson, lesson.solution_dir, instance)
    _, lesson, folder = target_for_check(ctx, lesson_id)
    return ServeTarget(lesson, folder)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError):
        return ""


def solution(ctx: Context, lesson_id: str | None, *, confirmed: bool, diff: bool) -> Solution:
    from flaskcourse.results import Solution

    with ctx.state() as (workspace, progress):
        lesson = ctx.lesson(lesson_id, workspace, progress)
        passed = bool(progress and progress.state(lesson.id).passed_at)
    if not passed and not confirmed:
        raise NeedsConfirmation(
            f"You have not passed lesson {lesson.id} yet. Seeing the solution now skips the "
            "part where you learn the most.",
            hint=f"Type `flaskcourse hint {lesson.id}` for a nudge, or "
                 f"`flaskcourse solution {lesson.id} --yes` to see it anyway.")
    files = {str(rel): _read_text(lesson.solution_dir / rel)
             for rel in learner_files(lesson.solution_dir)}
    diffs: dict[str, str] = {}
    if diff:
        import difflib  # only `solution --diff` needs it; kept off the start-up path

        mine = workspace.lesson_dir(lesson) if workspace else None
        for rel, text in files.items():
            own = _read_text(mine / rel) if mine else ""
            diffs[rel] = "".join(difflib.unified_diff(
                own.splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"yours/{rel}", tofile=f"solution/{rel}"))
    return Solution(lesson, files, diffs)


def reset(ctx: Context, lesson_id: str, *, to_last_pass: bool = False) -> Reset:
    """Put the starter (or the last passing version) back; the learner's files go to a backup."""
    workspace = require_workspace(ctx.cwd)
    lesson = ctx.course.get(lesson_id)
    source = lesson.starter_dir
    if to_last_pass:
        kept = latest_snapshot(workspace, lesson)
        if kept is None:
            raise CourseError(f"Lesson {lesson.id} has no passing version to go back to yet.",
                              hint="A snapshot is kept each time `flaskcourse check` passes.")
        source = kept
    with writing(workspace):
        done = replace_lesson_files(workspace, lesson, source)
    with ctx.progress(workspace) as progress:
        progress.mark_started(lesson.id)
    return done
