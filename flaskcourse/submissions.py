"""Submissions to grade: lesson folders, ``.zip`` archives of one, and folders of them.

A teacher's folder of submissions holds one folder or archive per learner, named by it. Nothing
here writes to a submission: a folder is only read, and an archive is opened into a temporary
folder of our own, removed afterwards, and only once every one of its members has been judged
safe. An archive with an absolute path, a ``..``, a symbolic link, or more than the size limit
is refused whole, before anything is written.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flaskcourse.catalog import Lesson
from flaskcourse.checking.learner import ENTRY_MODULE
from flaskcourse.errors import CourseError
from flaskcourse.files import IGNORED_DIRS, learner_files, remove_tree

ARCHIVE_SUFFIX = ".zip"
MAX_ARCHIVE_BYTES = 50 * 1024**2
"""What one archive may unpack to: a lesson is a few files of text, never megabytes."""
MAX_ARCHIVE_MEMBERS = 5000
NOT_SUBMITTED = IGNORED_DIRS | {"__MACOSX", ".DS_Store", "Thumbs.db"}
"""Names an archive or a folder carries along by accident; they are neither opened nor judged."""
MAX_DEPTH = 3
"""How many folders deep the lesson's files may be inside one learner's submission."""
SHOWN_NAMES = 8


class Refused(Exception):
    """A submission that cannot be graded as it is: one row of the roster, with this reason."""


@dataclass(frozen=True)
class Submission:
    """One learner's work: a folder or a ``.zip`` archive, and the name it is graded under."""

    learner: str
    path: Path

    @property
    def is_archive(self) -> bool:
        return self.path.is_file()


def find_submissions(lesson: Lesson, paths: Sequence[Path]) -> tuple[list[Submission], list[str]]:
    """The submissions that ``paths`` name (a lesson folder, an archive of one, or a folder of
    them), each under a name of its own; and notices about what was passed over."""
    found: list[Submission] = []
    notices: list[str] = []
    for path in paths:
        try:
            _find(lesson, path, found, notices)
        except PermissionError as exc:
            raise CourseError(f"{exc.filename or path} cannot be read: {exc.strerror}.") from exc
    return _unique(found), notices


def _find(lesson: Lesson, path: Path, found: list[Submission], notices: list[str]) -> None:
    usage = "Name lesson folders, .zip archives of one, or folders of them."
    if not path.exists():
        raise CourseError(f"{path} does not exist.", hint=usage)
    if path.is_file() and path.suffix.lower() != ARCHIVE_SUFFIX:
        raise CourseError(f"{path} is neither a folder nor a .zip archive.", hint=usage)
    if path.is_file() or _holds_code(path):
        found.append(Submission(_learner_name(path, lesson), path))
    else:
        found.extend(_class_folder(path, lesson, notices))


def _class_folder(folder: Path, lesson: Lesson, notices: list[str]) -> list[Submission]:
    """One submission per folder or archive inside ``folder``, by name."""
    entries = sorted(e for e in folder.iterdir()
                     if e.name not in NOT_SUBMITTED and not e.name.startswith("."))
    chosen = [e for e in entries if e.is_dir() or e.suffix.lower() == ARCHIVE_SUFFIX]
    others = [e.name for e in entries if e not in chosen]
    if not chosen:
        held = f" (it holds only {_names(others)})" if others else " (it is empty)"
        raise CourseError(
            f"{folder} holds no submission{held}: no .py file of a lesson, no folder and no "
            ".zip archive.",
            hint=f"Name a lesson folder (with its {ENTRY_MODULE}.py), a .zip of one, or a "
                 "folder holding one folder or .zip per learner.")
    if others:
        notices.append(f"In {folder}, {_names(others)} "
                       f"{'is' if len(others) == 1 else 'are'} neither a folder nor a .zip "
                       "archive, so not graded.")
    return [Submission(_learner_name(entry, lesson), entry) for entry in chosen]


def _holds_code(folder: Path) -> bool:
    """True for a lesson folder (Python files at its top), False for a folder of submissions."""
    return any(entry.suffix == ".py" and entry.is_file() for entry in folder.iterdir())


def _learner_name(path: Path, lesson: Lesson) -> str:
    """A folder or archive is named by its learner, unless it bears the lesson's own name
    (``alice/11-divide-errors``): then the folder above it names the learner."""
    name = path.stem if path.is_file() else path.name
    if name == lesson.name and path.absolute().parent.name:
        return path.absolute().parent.name
    return name


def _unique(found: list[Submission]) -> list[Submission]:
    """Two submissions under one name get ``-2``, ``-3``…, so no row or file hides another."""
    seen: dict[str, int] = {}
    unique = []
    for submission in found:
        count = seen.get(submission.learner, 0) + 1
        seen[submission.learner] = count
        name = submission.learner if count == 1 else f"{submission.learner}-{count}"
        unique.append(Submission(name, submission.path))
    return unique


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")


@contextmanager
def opened(submission: Submission, lesson: Lesson) -> Iterator[Path]:
    """The submission's lesson folder: inside the folder given, or inside the archive unpacked
    into a temporary folder that is removed afterwards. Raises ``Refused`` with the reason when
    it cannot be graded."""
    if not submission.is_archive:
        try:
            folder = lesson_folder(submission.path, lesson)
        except OSError as exc:
            raise Refused(f"{submission.path.name} cannot be read: {exc.strerror or exc}.") from exc
        yield folder
        return
    scratch = Path(tempfile.mkdtemp(prefix="flaskcourse-submission-"))
    try:
        unpack(submission.path, scratch)
        yield lesson_folder(scratch, lesson, shown=submission.path.name)
    finally:
        remove_tree(scratch)


def lesson_folder(folder: Path, lesson: Lesson, shown: str | None = None) -> Path:
    """Where the lesson's files are in one learner's submission: its top, or the one folder
    (or the folder named like the lesson) the files were handed in inside."""
    here = folder
    for _ in range(MAX_DEPTH + 1):
        if (here / f"{ENTRY_MODULE}.py").is_file():
            return here
        entries = [e for e in here.iterdir()
                   if e.name not in NOT_SUBMITTED and not e.name.startswith(".")]
        folders = [e for e in entries if e.is_dir() and not e.is_symlink()]
        if (here / lesson.name).is_dir():
            here = here / lesson.name
        elif len(folders) == 1 and not any(e.suffix == ".py" for e in entries):
            here = folders[0]
        else:
            break
    expected = [str(rel) for rel in learner_files(lesson.starter_dir)]
    held = [str(rel) for rel in learner_files(folder)]
    raise Refused(
        f"no {ENTRY_MODULE}.py in {shown or folder.name}, which holds "
        f"{_names(held) if held else 'no file'}: the checks start from that file. The lesson's "
        f"files ({_names(expected)}) belong at the top of the submission, or in one folder "
        "inside it.")


def unpack(archive: Path, target: Path) -> None:
    """Extract ``archive`` into the empty folder ``target``, after judging every member: an
    unsafe or oversized archive is refused whole, with nothing written."""
    try:
        with zipfile.ZipFile(archive) as opened_zip:
            members = _safe_members(opened_zip)
            for info, parts in members:
                destination = target.joinpath(*parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with opened_zip.open(info) as source, destination.open("xb") as out:
                    shutil.copyfileobj(source, out)
    except zipfile.BadZipFile as exc:
        raise Refused(f"{archive.name} is not a .zip archive that can be read ({exc}).") from exc
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, or an unknown compression
        raise Refused(f"{archive.name} cannot be unpacked: {exc}.") from exc
    except OSError as exc:
        raise Refused(f"{archive.name} cannot be unpacked: {exc.strerror or exc} "
                      f"({Path(exc.filename or '').name or 'a member'}).") from exc


def _safe_members(opened_zip: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    """The members to extract, with their path parts, or ``Refused`` naming the first unsafe
    one. Folders the learner carried along by accident (a virtual environment) are left out."""
    infos = opened_zip.infolist()
    name = Path(opened_zip.filename or "the archive").name
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise Refused(f"{name} holds {len(infos)} files, more than the {MAX_ARCHIVE_MEMBERS} "
                      "a lesson could need, so it was not unpacked.")
    chosen = []
    total = 0
    for info in infos:
        path = info.filename.replace("\\", "/")
        parts = PurePosixPath(path).parts
        if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in parts:
            raise Refused(f"{name} holds a path that escapes its folder ({info.filename}), so "
                          "it was not unpacked.")
        if info.is_dir() or any(part in NOT_SUBMITTED for part in parts):
            continue
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise Refused(f"{name} holds a symbolic link ({info.filename}), so it was not "
                          "unpacked.")
        total += info.file_size
        if total > MAX_ARCHIVE_BYTES:
            raise Refused(f"{name} unpacks to more than {MAX_ARCHIVE_BYTES // 1024**2} MB, far "
                          "more than a lesson's files, so it was not unpacked.")
        chosen.append((info, parts))
    return chosen
