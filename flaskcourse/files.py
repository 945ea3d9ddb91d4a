"""Careful file copying: never a half-written file, never an overwritten learner file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

IGNORED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".git", ".venv", "venv", "env",
                          "node_modules", ".mypy_cache", ".ruff_cache", ".flaskcourse"})
IGNORED_SUFFIXES = (".pyc", ".pyo")


def learner_files(folder: Path) -> Iterator[Path]:
    """The files of a lesson folder that matter, relative to it, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS)
        base = Path(dirpath)
        for name in sorted(filenames):
            if not name.endswith(IGNORED_SUFFIXES):
                yield (base / name).relative_to(folder)


def atomic_copy(src: Path, dst: Path) -> None:
    """Copy through a temporary file in the target folder, then rename it into place."""
    import shutil  # with tempfile and hashlib below: imported on use, so `list` starts faster
    import tempfile

    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
            shutil.copyfileobj(inp, out)
        shutil.copymode(src, tmp)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_tree(src: Path, dst: Path, *, overwrite: bool) -> tuple[list[Path], list[Path]]:
    """Copy the files of ``src`` into ``dst``; returns (copied, kept because they existed)."""
    copied: list[Path] = []
    kept: list[Path] = []
    for rel in learner_files(src):
        target = dst / rel
        if target.exists() and not overwrite:
            kept.append(rel)
            continue
        atomic_copy(src / rel, target)
        copied.append(rel)
    return copied, kept


def remove_tree(path: Path) -> None:
    """Delete a folder this tool made, if it is still there."""
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def tree_digest(folder: Path) -> str:
    """A fingerprint of a folder's files (names and contents), to tell two versions apart."""
    import hashlib

    digest = hashlib.sha256()
    for rel in learner_files(folder):
        digest.update(str(rel).encode() + b"\0")
        digest.update(hashlib.sha256((folder / rel).read_bytes()).digest())
    return digest.hexdigest()
