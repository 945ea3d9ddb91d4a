"""Which modules a lesson's check runs will import, so the warm runner can import them once.

A forked check child starts with whatever its parent had imported. Importing SQLAlchemy,
Flask-SocketIO or bcrypt takes longer than the checks of a lesson take to run, so the parent
imports, once, the libraries that the lesson's reference solution and its checks import. The
learner's own modules are never imported there: only the course's files are read, and only
modules installed outside the lesson's folders are named.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from collections.abc import Iterator

from flaskcourse.catalog import Lesson

FIXTURE_IMPORTS = {"mock_http": "responses", "clock": "freezegun"}
"""Fixtures of the checking plugin that import a library only when a check asks for them."""


@functools.cache
def modules_for(lesson: Lesson) -> tuple[str, ...]:
    """Installed modules imported by the lesson's solution or checks, in a stable order."""
    folders = [d for d in (lesson.solution_dir, lesson.checks_dir) if d.is_dir()]
    local = {p.stem for d in folders for p in d.iterdir()}
    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            found.update(_imported(path.read_text(encoding="utf-8")))
    return tuple(sorted(m for m in found
                        if m.split(".")[0] not in local and m != "__future__" and _installed(m)))


def _imported(source: str) -> Iterator[str]:
    """Modules named by import statements, and those behind the plugin fixtures asked for."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.arg) and node.arg in FIXTURE_IMPORTS:
            yield FIXTURE_IMPORTS[node.arg]


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module.split(".")[0]) is not None
    except (ImportError, ValueError):
        return False


def preload(modules: tuple[str, ...]) -> None:
    """Import each module now. One that fails is left for the check run to import (and report)."""
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - a best-effort speed-up must never break a run
            continue
