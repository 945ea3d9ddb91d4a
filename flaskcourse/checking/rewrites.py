"""pytest's assertion rewriting, done once in the process that forks the runs.

Every run of a set of checks (or of a learner's tests) is a fresh pytest session in a forked
child, and each would parse and rewrite every test module and ``conftest.py`` again: for a short
run that is a tenth to a third of its cost. The forking process rewrites them once (parsed and
compiled, never run) and the child has pytest take those, for each file whose source is still
the same; anything else pytest rewrites itself, as always.
"""

from __future__ import annotations

import ast
import importlib.util
import types
from collections.abc import Mapping
from pathlib import Path

from flaskcourse.files import learner_files

Rewritten = Mapping[str, tuple[bytes, types.CodeType]]
"""``{path relative to the folder: (source hash, rewritten code)}``."""

_done: dict[Path, tuple[tuple[tuple[str, int, int], ...], Rewritten]] = {}
"""Per folder: the files' stamps when it was rewritten, and the rewrite."""


def rewrite_folder(folder: Path) -> dict[str, tuple[bytes, types.CodeType]]:
    """The rewrite of every ``.py`` module in ``folder``; a file that does not parse is left
    for pytest, which reports it as it always does."""
    from _pytest.assertion.rewrite import rewrite_asserts

    done = {}
    for rel in learner_files(folder) if folder.is_dir() else ():
        if rel.suffix != ".py":
            continue
        path = folder / rel
        source = path.read_bytes()
        try:
            tree = ast.parse(source, filename=str(path))
            rewrite_asserts(tree, source, str(path))
            code = compile(tree, str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        done[rel.as_posix()] = (importlib.util.source_hash(source), code)
    return done


def rewrite_kept(folder: Path) -> Rewritten:
    """``rewrite_folder``, kept for as long as this process lives and no file in ``folder``
    changes (the course's own checks, run a thousand times by `verify`, several lessons at
    once)."""
    stamp = tuple(sorted((rel.as_posix(), s.st_mtime_ns, s.st_size)
                         for rel in (learner_files(folder) if folder.is_dir() else ())
                         for s in [(folder / rel).stat()]))
    kept = _done.get(folder)
    if kept is None or kept[0] != stamp:
        kept = _done[folder] = (stamp, rewrite_folder(folder))
    return kept[1]


def _moved(code: types.CodeType, filename: str) -> types.CodeType:
    """``code`` as if compiled from ``filename`` (nested functions and classes too)."""
    consts = tuple(_moved(c, filename) if isinstance(c, types.CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def reuse(folder: Path, rewritten: Rewritten) -> None:
    """Have pytest, in this (forked) process, take ``rewritten`` for the files of ``folder``
    unchanged since; ``folder`` may be a copy of the one they were made from."""
    from _pytest.assertion import rewrite

    fresh = rewrite._rewrite_test

    def take(fn: Path, config: object) -> tuple[bytes, types.CodeType]:
        try:
            rel = Path(fn).relative_to(folder).as_posix()
        except ValueError:
            return fresh(fn, config)
        done = rewritten.get(rel)
        if done is None or importlib.util.source_hash(Path(fn).read_bytes()) != done[0]:
            return fresh(fn, config)
        return done[0], done[1] if str(fn) == done[1].co_filename else _moved(done[1], str(fn))

    rewrite._rewrite_test = take
