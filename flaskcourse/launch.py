"""Start the child process that runs one set of checks: forked from a warm parent, or spawned.

A fresh ``python -m pytest`` pays for starting Python and importing pytest and Flask on every
run (about half a second). Where ``os.fork`` is safe to use (Linux), the runner instead imports
those once and forks a child per run: the child still starts from a clean slate as far as the
learner's code goes (the parent never imports it), runs in its own session so the time limit can
kill its whole process group, and writes to its own pipes. ``FLASKCOURSE_RUNNER=spawn`` forces
the fresh-process path, which is also what other platforms use.
"""

from __future__ import annotations

import gc
import inspect
import os
import resource
import subprocess
import sys
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from flaskcourse import stack_room
from flaskcourse.checking import events, rewrites
from flaskcourse.preload import preload

MODE_ENV = "FLASKCOURSE_RUNNER"
CHILD_CRASHED = 70
PLUGIN = "flaskcourse.checking.plugin"
"""The pytest plugin every check run loads: by name in a fresh Python, as the module object in a
forked child (``-p NAME`` would first look NAME up among every installed package's entry
points, on every run)."""


class Child(Protocol):
    """A running check process: its pipes, whether it has ended, and how to end it."""

    output_fd: int
    events_fd: int

    def poll(self) -> int | None: ...

    def kill(self) -> int: ...


exit_now = os._exit
"""Ends a child at once. Kept here because a check process replaces ``os._exit`` with a version
that first reports where the learner's code called it (``checking.ending``), which only works
in a process that has a learner's folder."""


def forking() -> bool:
    mode = os.environ.get(MODE_ENV, "")
    if mode in ("spawn", "fork"):
        return mode == "fork"
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _limit_memory(memory: int | None) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


@dataclass
class Spawned:
    """``python -m pytest`` in a new process."""

    proc: subprocess.Popen[bytes]
    events_fd: int
    output_fd: int = field(init=False)

    def __post_init__(self) -> None:
        assert self.proc.stdout is not None
        self.output_fd = self.proc.stdout.fileno()

    def poll(self) -> int | None:
        return self.proc.poll()

    def kill(self) -> int:
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        code = self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        return code


def spawn(args: list[str], env: dict[str, str], cwd: Path, memory: int | None) -> Spawned:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", PLUGIN, *args], cwd=cwd,
        env={**env, events.FD_ENV: str(write_fd)}, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
        start_new_session=True, preexec_fn=lambda: _limit_memory(memory),
    )
    os.close(write_fd)
    return Spawned(proc, read_fd)


@dataclass
class Forked:
    """A child forked from this (warm) process."""

    pid: int
    output_fd: int
    events_fd: int
    returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> int:
        try:
            os.killpg(self.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        os.close(self.output_fd)
        return self.returncode


def warm(modules: tuple[str, ...] = ()) -> None:
    """Import once, in the parent, what every check run needs, and the lesson's libraries."""
    import flask.testing
    import pytest  # noqa: F401

    import flaskcourse.checking.plugin  # noqa: F401

    # Every test client asks for Werkzeug's version (its User-Agent), which Flask looks up in
    # the installed packages' metadata once per process and keeps: a twentieth of a short run's
    # time when each forked run looked it up again.
    getattr(flask.testing, "_get_werkzeug_version", lambda: None)()
    preload(modules)
    _look_for_clocks()
    _index_module_files()


def _look_for_clocks() -> None:
    """Have freezegun look, once in the parent, at every module imported so far.

    Its first freeze searches each module for the real ``datetime`` and ``time`` functions
    (0.1 s in a parent that imported a lesson's libraries) and keeps what it found for modules
    that do not change. Done here, a check that moves the clock pays that once, not in every
    run. Only a cache is filled: nothing is frozen here, where other threads keep real time."""
    api = sys.modules.get("freezegun.api")
    setup = getattr(api, "_setup_module_cache", None)
    cache = getattr(api, "_GLOBAL_MODULES_CACHE", None)
    if setup is None or not isinstance(cache, dict):
        return
    with warnings.catch_warnings():  # reading every attribute wakes deprecated ones, as at a freeze
        warnings.simplefilter("ignore")
        for name, module in list(sys.modules.items()):
            if module is not None and name not in cache:
                try:
                    setup(module)
                except Exception:  # noqa: BLE001 - one freezegun cannot read is read at a freeze
                    continue
    _trust_unchanged_modules(api, cache)


_parents_modules: dict[str, tuple[object, int, str]] = {}
"""What freezegun found in each module of this process: the module, how many names it held,
and freezegun's hash of its names (see ``_trust_unchanged_modules``)."""


def _trust_unchanged_modules(api: object, cache: dict[str, tuple[str, object]]) -> None:
    """Let a fork's freeze tell that a module the parent holds is unchanged from how many names
    it holds, instead of listing them all.

    At every freeze, freezegun checks each module against what it found there before, by a hash
    of the module's ``dir()``: a thousand-odd lists of names, and every name touched, so after a
    fork every page that holds one is copied. That was most of what the ``clock`` fixture
    cost. A module of the parent that still holds as many names as it did here is taken as
    unchanged: what adds or drops a name changes the count, and freezegun's own hash never
    noticed a name bound to another value either."""
    real = getattr(api, "_get_module_attributes_hash", None)
    real = getattr(real, "real", real)
    if not callable(real):
        return
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", None)
        known = _parents_modules.get(name) if isinstance(name, str) else None
        if name not in cache or (known is not None and known[0] is module):
            continue
        try:
            digest, size = real(module), len(vars(module))
        except Exception:  # noqa: BLE001 - freezegun reads such a module in full at each freeze
            continue
        if cache[name][0] == digest:
            _parents_modules[name] = (module, size, digest)

    def known_or_hashed(module: object) -> str:
        known = _parents_modules.get(getattr(module, "__name__", None))
        if known is not None and known[0] is module:
            try:
                if len(vars(module)) == known[1]:
                    return known[2]
            except TypeError:
                pass
        return known_or_hashed.real(module)  # type: ignore[attr-defined]

    known_or_hashed.real = real  # type: ignore[attr-defined]
    api._get_module_attributes_hash = known_or_hashed  # type: ignore[attr-defined]


def _index_module_files() -> None:
    """Have ``inspect`` map, once in the parent, each imported module's file to the module.

    Its first lookup of a module by file name (pytest makes one for every failing check, to
    show where it failed) resolves the real path of every module imported so far: thousands of
    ``lstat`` calls, a tenth of a short run. The map is kept for modules that do not change."""
    global _indexed
    if len(sys.modules) != _indexed:
        inspect.getmodule(compile("", "<flaskcourse>", "exec"))
        _indexed = len(sys.modules)


_indexed = 0


def flush_streams() -> None:
    """Write out what Python buffered, so that a fork does not write it a second time."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the learner's code may have replaced the stream
            pass


def fork(args: list[str], env: dict[str, str], cwd: Path, memory: int | None,
         modules: tuple[str, ...] = (), checks: Path | None = None) -> Forked:
    warm(modules)
    rewritten = rewrites.rewrite_kept(checks) if checks is not None else {}
    from flaskcourse.checking import learner  # imported by warm() already

    learner.mark_parents_modules()
    # Objects the parent has made so far are left alone by the child's garbage collector, so it
    # does not write to (and so copy) every page of the parent's heap.
    gc.freeze()
    out_read, out_write = os.pipe()
    ev_read, ev_write = os.pipe()
    flush_streams()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        if checks is not None:
            rewrites.reuse(checks, rewritten)
        stack_room.call_with_room(_run_in_child, args, {**env, events.FD_ENV: str(ev_write)}, cwd,
                                  memory, out_write, ev_write)
    os.close(out_write)
    os.close(ev_write)
    return Forked(pid, out_read, ev_read)


def become_check_process(out_write: int, *, keep: int, cwd: Path, env: dict[str, str],
                         memory: int | None, fresh_logging: bool = True) -> None:
    """Make this fresh fork a check process of its own: its own session (so that the time
    limit can kill its whole group), ``out_write`` as stdout and stderr, no descriptor of the
    parent's but ``keep``, and the run's folder, environment and memory limit."""
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(out_write, 1)
    os.dup2(out_write, 2)
    _plug_inherited(keep=keep)
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    if fresh_logging:
        _fresh_logging()
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    _limit_memory(memory)


def _run_in_child(args: list[str], env: dict[str, str], cwd: Path, memory: int | None,
                  out_write: int, ev_write: int) -> None:
    """Become the check process; never returns."""
    code = CHILD_CRASHED
    try:
        become_check_process(out_write, keep=ev_write, cwd=cwd, env=env, memory=memory)
        import pytest

        from flaskcourse.checking import plugin

        code = int(pytest.main(args, plugins=[plugin]))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else CHILD_CRASHED
    except BaseException:
        traceback.print_exc()
    finally:
        flush_streams()
        exit_now(code)


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 4096))


def _plug_inherited(keep: int) -> None:
    """Point every descriptor inherited from the parent, but stdio and ``keep``, at /dev/null.

    Pipes of runs started by other threads must not stay open here, or their readers would
    wait for an end of file that never comes. Closing them is not enough: the parent's Python
    objects still hold their numbers (a logging FileHandler pytest keeps on /dev/null, a
    database connection), and one closed later in the child would close whatever file the
    child had opened under the same number since. Alembic's env.py calls fileConfig(), which
    closes every logging handler: before this, that closed a check's SQLite database under
    it ("disk I/O error") whenever the parent was a pytest process."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in _open_fds():
        if fd > 2 and fd not in (keep, null):
            try:
                os.dup2(null, fd, inheritable=False)
            except OSError:
                pass  # not open after all (the listing's own descriptor, say)
    os.close(null)


def _fresh_logging() -> None:
    """Drop logging handlers the parent set up: they write to streams this child closed, and a
    fresh Python would not have them either."""
    import logging

    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.WARNING)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.handlers.clear()


def start(args: list[str], env: dict[str, str], cwd: Path, memory: int | None,
          modules: tuple[str, ...] = (), checks: Path | None = None) -> Child:
    """Start a check process the fastest safe way this platform allows; ``modules`` are
    libraries the run will import, and ``checks`` the folder of check modules it will
    collect, which a forking runner imports and rewrites once beforehand."""
    if forking():
        return fork(args, env, cwd, memory, modules, checks)
    return spawn(args, env, cwd, memory)
