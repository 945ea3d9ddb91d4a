"""Careful file copying: never a half-written file, never an overwritten learner file."""

from __future__ import annotations

import functools
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
        # The rights a file the learner made would have (mkstemp's 0600 would shut out others).
        runnable = src.stat().st_mode & stat.S_IXUSR
        os.chmod(tmp, (0o777 if runnable else 0o666) & ~umask())
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


@functools.cache
def umask() -> int:
    """The learner's umask: what files and folders made for them must respect."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def move_files_into(src: Path, dst: Path) -> None:
    """Make ``dst`` hold exactly the files of ``src`` by moving them in, keeping ``dst`` itself
    (and what ``learner_files`` ignores, such as a virtual environment) in place."""
    wanted = set(learner_files(src))
    for rel in learner_files(dst):
        if rel not in wanted:
            (dst / rel).unlink()
            _remove_empty_parents(dst / rel, dst)
    for rel in sorted(wanted):
        target = dst / rel
        for parent in reversed(target.relative_to(dst).parents[:-1]):
            if (dst / parent).is_file() or (dst / parent).is_symlink():
                (dst / parent).unlink()  # a file where the new files need a folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            remove_tree(target)
        os.replace(src / rel, target)


def _remove_empty_parents(path: Path, root: Path) -> None:
    for parent in path.parents:
        if parent == root or not parent.is_relative_to(root):
            return
        try:
            parent.rmdir()
        except OSError:
            return


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back Ctrl-C for a few quick steps that must not be split (it is raised after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


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
