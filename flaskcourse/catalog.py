"""The course catalog: ``course/course.toml`` read into immutable ``Lesson`` objects.

This is the one module that knows the folder layout. Paths follow from a lesson's id and slug
and are never stored twice, so adding a lesson is adding folders and one catalog entry.
"""

from __future__ import annotations

import marshal
import math
import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from flaskcourse.errors import CourseError, LessonNotFound

FORMAT_VERSION = 1
COURSE_ENV = "FLASKCOURSE_COURSE_DIR"
DEFAULT_TIME_LIMIT = 5.0
SERVE_KINDS = ("flask",)
ID_PATTERN = re.compile(r"^\d{2}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Lesson:
    """One lesson; its folders are derived from ``root``, ``id`` and ``slug``."""

    id: str
    slug: str
    title: str
    summary: str
    objectives: tuple[str, ...]
    hints: tuple[str, ...]
    time_limit: float
    serve: str
    serve_note: str
    serve_path: str
    """A path the lesson's app answers, advertised by `flaskcourse serve` (``/`` by default)."""
    root: Path
    edit: str = "app.py"
    """What the learner writes in, which `start` names (``tests/`` where the app is finished)."""
    serve_prepare: tuple[str, ...] = ()
    """The ``flask --app app`` command `serve --solution` runs in its copy of the reference
    before serving it (``db upgrade``, where migrations make the tables): the learner runs it
    in their own folder, as the lesson says, so a missed step is theirs to see."""
    points: tuple[tuple[str, float], ...] = ()
    """Points of the checks that are worth more (or less) than the default one, by check id:
    what `grade` and the autograders score with. Which ids exist is known only from the check
    files, so ``grading.columns_for`` (and `verify`) check them, not the catalog."""

    @property
    def name(self) -> str:
        """The folder name, ``NN-slug``: the same in every tree and in the workspace."""
        return f"{self.id}-{self.slug}"

    @property
    def text_path(self) -> Path:
        return self.root / "course" / self.name / "README.md"

    @property
    def starter_dir(self) -> Path:
        return self.root / "exercises" / self.name

    @property
    def solution_dir(self) -> Path:
        return self.root / "solutions" / self.name

    @property
    def checks_dir(self) -> Path:
        return self.root / "checks" / self.name

    @property
    def variants_dir(self) -> Path:
        """Known-wrong variants and correct alternatives: ``tests/variants`` in the source tree."""
        installed = self.root / "variants"
        return (installed if installed.is_dir() else self.root / "tests" / "variants") / self.name


@dataclass(frozen=True)
class Course:
    """The ordered lessons plus the course-wide messages."""

    root: Path
    title: str
    welcome: str
    final_message: str
    lessons: tuple[Lesson, ...]

    def get(self, lesson_id: str) -> Lesson:
        """Find a lesson by id (``7`` and ``07`` both work) or by folder name."""
        key = str(lesson_id).strip()
        if key.isdigit():
            key = key.zfill(2)
        for lesson in self.lessons:
            if key in (lesson.id, lesson.name, lesson.slug):
                return lesson
        known = ", ".join(lesson.id for lesson in self.lessons)
        raise LessonNotFound(
            f"There is no lesson {lesson_id!r} in this course.",
            hint=f"The lessons are {known}. Type `flaskcourse list` to see them with their titles.",
        )

    def by_folder(self, folder_name: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.name == folder_name), None)

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(lesson.id for lesson in self.lessons)


def default_root() -> Path:
    """Where the course data lives: ``$FLASKCOURSE_COURSE_DIR``, the installed copy, or the source tree."""
    env = os.environ.get(COURSE_ENV)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    return installed if (installed / "course" / "course.toml").is_file() else package.parent


def _text(entry: dict[str, object], key: str, where: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise CourseError(f"{where}: `{key}` must be a non-empty string.")
    return value


def _texts(entry: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CourseError(f"{where}: `{key}` must be a list of non-empty strings.")
    return tuple(value)


def _points(entry: dict[str, object], where: str) -> tuple[tuple[str, float], ...]:
    value = entry.get("points", {})
    if not isinstance(value, dict) or not all(
            isinstance(points, (int, float)) and not isinstance(points, bool)
            and math.isfinite(points) and points >= 0
            for points in value.values()):
        raise CourseError(f"{where}: points must be a table of check ids and numbers of points, "
                          "each 0 or more (e.g. points = { test_b_zero_gives_422 = 2 }).")
    return tuple((str(check), float(points)) for check, points in value.items())


def _lesson(entry: dict[str, object], root: Path, where: str) -> Lesson:
    lesson_id = _text(entry, "id", where)
    slug = _text(entry, "slug", where)
    if not ID_PATTERN.match(lesson_id) or not SLUG_PATTERN.match(slug):
        raise CourseError(f"{where}: id must be two digits and slug lowercase-with-dashes "
                          f"(got id={lesson_id!r}, slug={slug!r}).")
    time_limit = entry.get("time_limit", DEFAULT_TIME_LIMIT)
    if not isinstance(time_limit, (int, float)) or time_limit <= 0:
        raise CourseError(f"{where}: time_limit must be a positive number of seconds.")
    serve = _text(entry, "serve", where, default="flask")
    if serve not in SERVE_KINDS:
        raise CourseError(f"{where}: serve must be one of {', '.join(SERVE_KINDS)}.")
    serve_path = _text(entry, "serve_path", where, default="/")
    if not serve_path.startswith("/"):
        raise CourseError(f"{where}: serve_path must start with / (got {serve_path!r}).")
    return Lesson(
        id=lesson_id,
        slug=slug,
        title=_text(entry, "title", where),
        summary=_text(entry, "summary", where, default=""),
        objectives=_texts(entry, "objectives", where),
        hints=_texts(entry, "hints", where),
        time_limit=float(time_limit),
        serve=serve,
        serve_note=_text(entry, "serve_note", where, default=""),
        serve_path=serve_path,
        root=root,
        edit=_text(entry, "edit", where, default="app.py"),
        serve_prepare=_texts(entry, "serve_prepare", where),
        points=_points(entry, where),
    )


def _cache_path(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def _parsed(path: Path) -> dict[str, Any]:
    """The catalog as ``tomllib`` reads it. Parsing its 50 KB is most of what a quick command
    such as `list` costs, so the result is kept beside it, the way Python keeps bytecode in
    ``__pycache__``, with the very text it was parsed from: it is used only for that text."""
    text = path.read_text(encoding="utf-8")
    cache = _cache_path(path)
    try:
        cached_text, data = marshal.loads(cache.read_bytes())
        if cached_text == text and isinstance(data, dict):
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, or one that is not ours to use: parse
    import tomllib  # only on a first run, or after the catalog changed

    data = tomllib.loads(text)  # a TOMLDecodeError is a ValueError
    if not sys.dont_write_bytecode:
        _keep(cache, (text, data))
    return data


def _keep(cache: Path, content: tuple[str, dict[str, Any]]) -> None:
    """Write the cache whole or not at all; an install that cannot be written to has none."""
    try:
        blob = marshal.dumps(content)
        cache.parent.mkdir(exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, cache)
    except (OSError, ValueError):  # read-only, or a value marshal cannot keep (a TOML date)
        pass


def load_course(root: Path | None = None) -> Course:
    """Read and validate the catalog; a broken catalog is a CourseError, never a traceback."""
    root = (root or default_root()).resolve()
    path = root / "course" / "course.toml"
    try:
        data = _parsed(path)
    except FileNotFoundError:
        raise CourseError(f"The course catalog {path} is missing: the installation is incomplete.",
                          hint="Reinstall flaskcourse (`pip install --force-reinstall flaskcourse`).")
    except (ValueError, UnicodeDecodeError) as exc:
        raise CourseError(f"The course catalog {path} cannot be read: {exc}.")
    if data.get("format_version") != FORMAT_VERSION:
        raise CourseError(f"{path} has format_version {data.get('format_version')!r}; this "
                          f"flaskcourse reads version {FORMAT_VERSION}. Upgrade flaskcourse.")
    entries = data.get("lessons")
    if not isinstance(entries, list) or not entries:
        raise CourseError(f"{path} lists no lessons.")
    lessons = tuple(_lesson(entry, root, f"{path.name}, lesson {i + 1}")
                    for i, entry in enumerate(entries))
    seen: set[str] = set()
    for lesson in lessons:
        if lesson.id in seen:
            raise CourseError(f"{path}: lesson id {lesson.id} appears twice.")
        seen.add(lesson.id)
    return Course(
        root=root,
        title=str(data.get("title", "flaskcourse")),
        welcome=str(data.get("welcome", "")),
        final_message=str(data.get("final_message", "")),
        lessons=lessons,
    )
