"""The one exception type for problems the learner can fix; the CLI catches it once."""

from __future__ import annotations


class CourseError(Exception):
    """A usage or setup problem, told to the learner as one paragraph (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class LessonNotFound(CourseError):
    """An id that is not in the catalog."""


class WorkspaceMissing(CourseError):
    """No `.flaskcourse/` folder at or above the working directory."""


class LessonNotStarted(CourseError):
    """The lesson folder is not in the workspace."""


class WorkspaceUnwritable(CourseError):
    """The workspace (a read-only folder, a full disk, someone else's) cannot take a write."""
