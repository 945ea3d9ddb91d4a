"""What the commands return, apart from the overview that `list` and the home screen show
(``actions.Overview``). Making a frozen dataclass costs milliseconds at start-up, so the classes
`list` never uses are kept here, imported by the function that returns one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flaskcourse.catalog import Lesson
    from flaskcourse.report import LessonReport
    from flaskcourse.workspace import Workspace


@dataclass(frozen=True)
class Scaffold:
    """What ``start`` did: the folder, the files it copied and the learner files it left alone."""

    folder: Path
    copied: tuple[Path, ...]
    kept: tuple[Path, ...]


@dataclass(frozen=True)
class Reset:
    folder: Path
    backup: Path | None
    source: Path


@dataclass(frozen=True)
class Started:
    lesson: Lesson
    workspace: Workspace
    scaffold: Scaffold
    new_workspace: bool
    restored: Path | None = None
    """Where a folder the learner had lost came back from: a snapshot, or the starter."""
    cd: str | None = None
    """The way to the lesson's folder when the learner stands in another lesson's folder,
    where `flaskcourse check` still means that other lesson."""


@dataclass(frozen=True)
class Hint:
    lesson: Lesson
    index: int
    text: str
    repeated: bool = False
    """Every hint was shown before: this is the last one again."""

    @property
    def total(self) -> int:
        return len(self.lesson.hints)


@dataclass(frozen=True)
class Checked:
    lesson: Lesson
    folder: Path
    report: LessonReport
    first_pass: bool
    snapshot: Path | None
    next: Lesson | None
    """What `flaskcourse next` would start now (only asked after a pass)."""


@dataclass(frozen=True)
class ServeTarget:
    lesson: Lesson
    folder: Path
    instance: Path | None = None
    """The reference's instance folder, kept in the workspace's state between runs (None
    outside a workspace, or for the learner's own folder, which keeps its own)."""


@dataclass(frozen=True)
class Solution:
    lesson: Lesson
    files: dict[str, str]
    diffs: dict[str, str]

