"""Check processes prepared up to their first check once per lesson, then forked once per run.

`verify`, mutation testing and `grade` run one lesson's checks hundreds of times on different
folders. A forked check process (``launch``) still configures pytest and collects the lesson's
checks each time, half of a short run. Here a *prepared session* does that once: a process forked from
the runner configures pytest and collects every check of the lesson, then waits. For each run it
forks again, from that point, and the copy becomes the run's check process: it takes the run's
folder, environment, pipes and limits, keeps the checks the run asks for, and carries on from
where pytest would start running checks. The learner's code is imported in that copy only (the
preflight runs there, as in any run), so every run still starts from a clean slate.

The prepared process talks to the runner over a Unix socket: a request carries the run's
settings and its three pipes (output, events, and one on which the prepared process writes the
run's exit status once it has reaped it, since only a parent can). It ends when the socket
closes: at the end of `verify`, or when the runner dies.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from flaskcourse import launch, stack_room

MESSAGE_BYTES = 1 << 20
"""The largest request (its environment holds a digest of every learner file)."""
STATUS_WAIT_SECONDS = 10.0
"""How long ending a run waits for the prepared process to report its exit status."""
CLOSE_WAIT_SECONDS = 10.0
"""How long closing waits for the prepared process to end its runs and exit."""


@dataclass(frozen=True)
class Request:
    """What one run needs that its prepared process does not know yet."""

    env: dict[str, str]
    cwd: str
    memory: int | None
    selected: list[str] | None
    """Node ids (a parametrized check's id selects each of its cases); None for every check."""
    exitfirst: bool


@dataclass
class PreparedRun:
    """A run forked from a prepared process (``launch.Child``); not a child of this process,
    so its exit status comes from the prepared process, on ``status_fd``."""

    pid: int
    output_fd: int
    events_fd: int
    status_fd: int
    returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and _readable(self.status_fd, 0):
            self.returncode = _status(self.status_fd)
        return self.returncode

    def kill(self) -> int:
        # Once its status is written, the run is reaped (the prepared process killed its group
        # first), and its pid may already belong to another process.
        if self.returncode is None and not _readable(self.status_fd, 0):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
        if self.returncode is None:
            self.returncode = (_status(self.status_fd)
                               if _readable(self.status_fd, STATUS_WAIT_SECONDS) else -signal.SIGKILL)
        os.close(self.output_fd)
        os.close(self.status_fd)
        return self.returncode


def _readable(fd: int, timeout: float) -> bool:
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        return bool(selector.select(timeout))


def _status(fd: int) -> int:
    """The exit status the prepared process wrote; a process that vanished counts as killed."""
    data = os.read(fd, 64)
    try:
        return int(data)
    except ValueError:
        return -signal.SIGKILL


@dataclass
class _Prepared:
    """One prepared process, and the lock that keeps one request on its socket at a time."""

    pid: int
    sock: socket.socket
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, request: Request) -> PreparedRun | None:
        """The run ``request`` asks for; None if the prepared process is gone (a learner's run
        may kill its parent, which here is the prepared process)."""
        out_read, out_write = os.pipe()
        ev_read, ev_write = os.pipe()
        status_read, status_write = os.pipe()
        try:
            with self.lock:
                socket.send_fds(self.sock, [json.dumps(request.__dict__).encode()],
                                [out_write, ev_write, status_write])
                pid = int(self.sock.recv(64))
        except BaseException as exc:
            for fd in (out_read, ev_read, status_read):
                os.close(fd)
            if isinstance(exc, (OSError, ValueError)):
                return None
            raise
        finally:
            for fd in (out_write, ev_write, status_write):
                os.close(fd)
        return PreparedRun(pid, out_read, ev_read, status_read)

    def close(self) -> None:
        """Close the socket, which tells the prepared process to end its runs and exit; one
        that does not within ``CLOSE_WAIT_SECONDS`` is killed."""
        self.sock.close()
        deadline = time.monotonic() + CLOSE_WAIT_SECONDS
        while True:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                return
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                deadline = float("inf")
            time.sleep(0.005)


class PreparedSessions:
    """The prepared processes of one `verify` (one per lesson, made at its first run); a
    lesson whose checks cannot be collected gets none, and its runs fork as usual."""

    def __init__(self) -> None:
        self._prepared: dict[Path, _Prepared | None] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> PreparedSessions:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for checks in list(self._prepared):
            self.end(checks)

    def end(self, checks: Path) -> None:
        """End the prepared session of ``checks`` once no more runs of it are coming: it holds
        a process (some 20 MB of its own) that no later run needs."""
        with self._lock:
            prepared = self._prepared.pop(checks, None)
        if prepared is not None:
            prepared.close()

    def start(self, checks: Path, args: list[str], request: Request,
              modules: tuple[str, ...], startup_limit: float) -> PreparedRun | None:
        """Start one run of the checks in ``checks`` (collected with ``args``), or None when
        they cannot be prepared: the caller then starts the run the usual way. The first run
        of a lesson prepares its session, in that run's environment less what is the run's
        own."""
        if not launch.forking():
            return None
        with self._lock:
            if checks not in self._prepared:
                self._prepared[checks] = _prepare(args, request.env, checks, modules, startup_limit)
            prepared = self._prepared[checks]
        if prepared is None:
            return None
        run = prepared.start(request)
        if run is None:  # gone: this run goes the usual way, the next gets a new one
            with self._lock:
                if self._prepared.get(checks) is prepared:
                    del self._prepared[checks]
            prepared.close()
        return run


def _prepare(args: list[str], env: dict[str, str], cwd: Path, modules: tuple[str, ...],
             startup_limit: float) -> _Prepared | None:
    """Fork a process that configures pytest with ``args`` and collects the checks; None if it
    cannot (a check module that does not import: a run started as usual reports why)."""
    launch.warm(modules)
    gc.freeze()
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    launch.flush_streams()
    pid = os.fork()
    if pid == 0:
        ours.close()
        try:
            from flaskcourse.checking import serving

            stack_room.call_with_room(serving.serve, theirs, args, env, cwd)
        finally:
            launch.exit_now(launch.CHILD_CRASHED)  # never back into the runner's code
    theirs.close()
    prepared = _Prepared(pid, ours)
    try:
        ours.settimeout(startup_limit)
        ready = ours.recv(64) == b"ready"
        ours.settimeout(None)
    except OSError:
        ready = False
    if not ready:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        prepared.close()
        return None
    return prepared
