"""Which checks a lesson has, in which file, and the sentence each says: read from the check
files' source.

The checks are never imported here: the ids are the module-level ``test_*`` functions of
``checks/NN-slug/test_*.py``, found with ``ast``. The ledger uses the list to find orphans,
``verify`` to run only the checks a known-wrong variant names, and grading to give every
submission the same columns (and the catalog's points something to be checked against), even
when the submission's checks never ran.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from flaskcourse.catalog import Lesson


def check_files(lesson: Lesson) -> dict[str, Path]:
    """Each check id of the lesson, with the file that defines it, in the order they run."""
    return {check: path for check, path, _ in _index(lesson)}


def check_names(lesson: Lesson) -> dict[str, str]:
    """Each check id with its sentence, as ``checking.outcome.check_name`` says it."""
    return {check: name for check, _, name in _index(lesson)}


def _index(lesson: Lesson) -> tuple[tuple[str, Path, str], ...]:
    paths = sorted(lesson.checks_dir.glob("test_*.py"))
    return _read(tuple((path, path.stat().st_mtime_ns) for path in paths))


@functools.lru_cache(maxsize=64)
def _read(files: tuple[tuple[Path, int], ...]) -> tuple[tuple[str, Path, str], ...]:
    """Parsed once per version of the files: verify asks for every variant it runs."""
    found: dict[str, tuple[Path, str]] = {}
    for path, _ in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                doc = (ast.get_docstring(node) or "").strip()
                first = doc.splitlines()[0].strip() if doc else ""
                found[node.name] = (path, first or node.name.removeprefix("test_").replace("_", " "))
    return tuple((check, path, name) for check, (path, name) in found.items())
