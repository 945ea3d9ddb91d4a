"""The learner's workspace: finding it, scaffolding lessons, resets with backups, snapshots.

Nothing here ever overwrites or deletes a learner's file without first keeping a full copy.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import (
    CourseError,
    LessonNotStarted,
    WorkspaceMissing,
    WorkspaceUnwritable,
)
from flaskcourse.files import (
    copy_tree,
    interrupts_held,
    learner_files,
    move_files_into,
    remove_tree,
    tree_digest,
    umask,
)

if TYPE_CHECKING:
    from flaskcourse.results import Reset, Scaffold

MARKER = ".flaskcourse"
HOME_ENV = "FLASKCOURSE_HOME"
SNAPSHOTS_KEPT = 20
UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}


@dataclass(frozen=True)
class Workspace:
    """A folder holding ``.flaskcourse/`` and one sub-folder per started lesson."""

    root: Path

    @property
    def state_dir(self) -> Path:
        return self.root / MARKER

    @property
    def database(self) -> Path:
        return self.state_dir / "progress.sqlite3"

    def lesson_dir(self, lesson: Lesson) -> Path:
        return self.root / lesson.name

    def is_started(self, lesson: Lesson) -> bool:
        return self.lesson_dir(lesson).is_dir()

    def require_started(self, lesson: Lesson, *, started_before: bool = False) -> Path:
        """The lesson's folder; ``started_before`` says the learner had one, so it was deleted
        or moved rather than never made."""
        folder = self.lesson_dir(lesson)
        if not folder.is_dir() and started_before:
            raise LessonNotStarted(
                f"The folder of lesson {lesson.id} ({folder}) is gone: it was deleted or moved.",
                hint=f"Move it back, or type `flaskcourse start {lesson.id}` to restore it (with "
                     "your last passing version, if there is one).",
            )
        if not folder.is_dir():
            raise LessonNotStarted(
                f"Lesson {lesson.id} has no folder in this workspace ({folder} does not exist).",
                hint=f"Type `flaskcourse start {lesson.id}` to get its starter files.",
            )
        return folder

    def backups_dir(self, lesson: Lesson) -> Path:
        return self.state_dir / "backups" / lesson.name

    def snapshots_dir(self, lesson: Lesson) -> Path:
        return self.state_dir / "snapshots" / lesson.name


def find_workspace(cwd: Path | None = None) -> Workspace | None:
    """``$FLASKCOURSE_HOME``, else the nearest folder at or above ``cwd`` holding ``.flaskcourse/``."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Workspace(Path(env).expanduser().resolve())
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_dir():
            return Workspace(folder)
    return None


def working_dir(course: Course) -> Path:
    """The working directory, or a clear error when the folder the learner stands in was
    deleted (a terminal left in a lesson folder that was removed)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        gone = _deleted_cwd()
        lesson = course.by_folder(Path(gone).name) if gone else None
        raise CourseError(
            f"The folder you are in{f' ({gone})' if gone else ''} no longer exists: it was "
            "deleted or moved.",
            hint=f"Type `cd ..`, then `flaskcourse start {lesson.id}` to restore it." if lesson
            else "Change to your workspace folder with `cd`, then try again.") from None


def _deleted_cwd() -> str:
    """Where the deleted working directory was: the kernel's record of it (Linux), else the
    shell's ``PWD`` (which not every shell keeps up to date), else ''."""
    try:
        return os.readlink("/proc/self/cwd").removesuffix(" (deleted)")
    except OSError:
        return os.environ.get("PWD", "")


@contextmanager
def writing(workspace: Workspace) -> Iterator[None]:
    """A workspace that cannot take a write (read-only, full, someone else's) becomes one clear
    message instead of a traceback."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in UNWRITABLE:
            raise
        raise WorkspaceUnwritable(
            f"Cannot write to the workspace {workspace.root}: {exc.strerror or exc}.",
            hint="Run flaskcourse in a folder you can write to, or set FLASKCOURSE_HOME to one.",
        ) from exc


def require_workspace(cwd: Path | None = None) -> Workspace:
    workspace = find_workspace(cwd)
    if workspace is None or not workspace.state_dir.is_dir():
        named = named_home_problem()
        if named:
            raise WorkspaceMissing(named, hint=f"Point {HOME_ENV} at your workspace, or unset it "
                                               f"(`unset {HOME_ENV}`) to use the folder you are in.")
        raise WorkspaceMissing(
            "This folder is not inside a flaskcourse workspace (no .flaskcourse/ folder here or above).",
            hint="Type `flaskcourse start 00` in the folder where you want your lessons, "
                 "or cd into your workspace.",
        )
    return workspace


def named_home_problem() -> str | None:
    """Why the folder ``FLASKCOURSE_HOME`` names is no workspace; None when it is one (or the
    variable is not set)."""
    value = os.environ.get(HOME_ENV)
    if not value:
        return None
    named = Path(value).expanduser()
    if not named.exists():
        why = "which does not exist"
    elif not named.is_dir():
        why = "which is a file, not a folder"
    elif not (named / MARKER).is_dir():
        why = "which is not a flaskcourse workspace (it holds no .flaskcourse/ folder)"
    else:
        return None
    return f"{HOME_ENV} is set to {named}, {why}."


def open_or_create_workspace(cwd: Path | None = None) -> Workspace:
    """The workspace ``start`` uses: the one found, or the working directory made into one."""
    workspace = find_workspace(cwd) or Workspace((cwd or Path.cwd()).resolve())
    try:
        workspace.state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        named = f" (the folder {HOME_ENV} names)" if os.environ.get(HOME_ENV) else ""
        raise CourseError(
            f"Cannot create the workspace in {workspace.root}{named}: {exc.strerror or exc}.",
            hint="Run flaskcourse in a folder you can write to, or set FLASKCOURSE_HOME to one.",
        ) from exc
    return workspace


def lesson_here(course: Course, workspace: Workspace, cwd: Path | None = None) -> Lesson | None:
    """The lesson whose folder the learner stands in (or below), if any."""
    here = (cwd or Path.cwd()).resolve()
    try:
        rel = here.relative_to(workspace.root)
    except ValueError:
        return None
    return course.by_folder(rel.parts[0]) if rel.parts else None


def scaffold(workspace: Workspace, lesson: Lesson, source: Path | None = None) -> Scaffold:
    """Copy the starter (or ``source``) into the workspace; a file that already exists is never
    replaced. A lesson folder that did not exist appears whole or, if interrupted, not at all."""
    from flaskcourse.results import Scaffold

    folder = workspace.lesson_dir(lesson)
    source = source or lesson.starter_dir
    if folder.exists():
        copied, kept = copy_tree(source, folder, overwrite=False)
        return Scaffold(folder, tuple(copied), tuple(kept))
    staging = _staged_copy(workspace, source)
    try:
        staging.rename(folder)
    except BaseException:
        remove_tree(staging)
        raise
    return Scaffold(folder, tuple(learner_files(folder)), ())


def _staged_copy(workspace: Workspace, source: Path) -> Path:
    """A complete copy of ``source`` in a new folder under the state folder, to be renamed into
    place: an interruption removes it, so nothing half-copied is ever left to be found."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix="incoming-", dir=workspace.state_dir))
    try:
        staging.chmod(0o777 & ~umask())  # a folder the learner made would have these rights
        copy_tree(source, staging, overwrite=True)
    except BaseException:
        remove_tree(staging)
        raise
    return staging


def _keep(workspace: Workspace, source: Path, parent: Path) -> Path:
    """A complete copy of ``source`` as a new time-stamped folder in ``parent``. Two terminals
    keeping one at the same second get two folders."""
    staging = _staged_copy(workspace, source)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        while True:
            target = _stamped(parent)
            try:
                staging.rename(target)
                return target
            except OSError:
                if not target.exists():
                    raise
    except BaseException:
        remove_tree(staging)
        raise


def _stamped(parent: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = parent / stamp
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = parent / f"{stamp}-{counter}"
    return candidate


def backup(workspace: Workspace, lesson: Lesson) -> Path | None:
    """Keep a full copy of the learner's lesson folder; None when it holds no file."""
    folder = workspace.lesson_dir(lesson)
    if not folder.is_dir() or not any(learner_files(folder)):
        return None
    return _keep(workspace, folder, workspace.backups_dir(lesson))


def replace_lesson_files(workspace: Workspace, lesson: Lesson, source: Path) -> Reset:
    """Back up the learner's folder, then make it hold exactly the files of ``source``.

    The folder itself stays (the same folder, not a new one of the same name), so a shell
    standing in it is still in the lesson afterwards. The new files are copied beside it first
    and then moved in, with Ctrl-C held back while they are, so an interruption leaves the old
    files or the new ones, and the backup exists before anything changes.
    """
    from flaskcourse.results import Reset

    folder = workspace.lesson_dir(lesson)
    saved = backup(workspace, lesson)
    fresh = _staged_copy(workspace, source)
    try:
        folder.mkdir(exist_ok=True)
        with interrupts_held():
            move_files_into(fresh, folder)
    finally:
        remove_tree(fresh)
    return Reset(folder, saved, source)


def snapshot(workspace: Workspace, lesson: Lesson, code: Path) -> Path | None:
    """Keep a passing version of the learner's code, unless it equals the latest one kept."""
    latest = latest_snapshot(workspace, lesson)
    if latest is not None and tree_digest(latest) == tree_digest(code):
        return None
    target = _keep(workspace, code, workspace.snapshots_dir(lesson))
    kept = sorted(p for p in workspace.snapshots_dir(lesson).iterdir() if p.is_dir())
    for stale in kept[:-SNAPSHOTS_KEPT]:
        remove_tree(stale)
    return target


def latest_snapshot(workspace: Workspace, lesson: Lesson) -> Path | None:
    folder = workspace.snapshots_dir(lesson)
    if not folder.is_dir():
        return None
    kept = sorted(p for p in folder.iterdir() if p.is_dir())
    return kept[-1] if kept else None
