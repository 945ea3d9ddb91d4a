"""Which checks a lesson has, and in which file: read from the check files' source.

The checks are never imported here: the ids are the module-level ``test_*`` functions of
``checks/NN-slug/test_*.py``, found with ``ast``. The ledger uses the list to find orphans, and
``verify`` to run only the checks a known-wrong variant names.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from flaskcourse.catalog import Lesson


def check_files(lesson: Lesson) -> dict[str, Path]:
    """Each check id of the lesson, with the file that defines it."""
    paths = sorted(lesson.checks_dir.glob("test_*.py"))
    return dict(_read(tuple((path, path.stat().st_mtime_ns) for path in paths)))


@functools.lru_cache(maxsize=64)
def _read(files: tuple[tuple[Path, int], ...]) -> tuple[tuple[str, Path], ...]:
    """Parsed once per version of the files: verify asks for every variant it runs."""
    found: dict[str, Path] = {}
    for path, _ in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                found[node.name] = path
    return tuple(found.items())
