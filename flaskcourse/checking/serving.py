"""The prepared process of ``flaskcourse.prepared``: it collects a lesson's checks once, then
forks one run per request, and each fork carries on as that run's check process."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import tempfile
import traceback
from pathlib import Path

import pytest

from flaskcourse import launch
from flaskcourse.checking import events, learner, plugin
from flaskcourse.prepared import MESSAGE_BYTES, Request

PER_RUN_ENV = (learner.CODE_ENV, learner.SHOWN_ENV, learner.SOURCES_ENV, events.FD_ENV)
"""What only a run may know: the prepared process collects without it."""


def serve(sock: socket.socket, args: list[str], env: dict[str, str], cwd: Path) -> None:
    """Become the prepared process: collect, then serve runs; never returns. A run forked from
    it returns from ``pytest.main`` here too, with its own exit code."""
    code = launch.CHILD_CRASHED
    try:
        null = os.open(os.devnull, os.O_RDWR)
        launch.become_check_process(null, keep=sock.fileno(), cwd=cwd, memory=None,
                                    env={k: v for k, v in env.items() if k not in PER_RUN_ENV})
        os.close(null)
        plugin.announce_later = True
        code = int(pytest.main(args, plugins=[plugin, _Serving(sock)]))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else launch.CHILD_CRASHED
    except BaseException:  # noqa: BLE001 - a run's own failure goes to its output pipe
        traceback.print_exc()
    finally:
        launch.flush_streams()
        launch.exit_now(code)


class _Serving:
    """The plugin that turns a collected session into a server of runs."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.runs: dict[int, int] = {}  # pid → the write end of its status pipe

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool | None:
        if session.testsfailed or not session.items:
            self.sock.send(b"not collected")
            return True
        self.sock.send(b"ready")
        run = self._serve()
        if run is None:
            return True
        request, fds = run
        _become_run(session, request, fds)
        plugin.announce_later = False
        session.config.hook.pytest_collection_finish(session=session)
        return None  # pytest's own loop runs this run's checks

    def _serve(self) -> tuple[Request, list[int]] | None:
        """Fork a run per request until the socket closes; returns only in a run."""
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        os.set_blocking(wake_read, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        with selectors.DefaultSelector() as selector:
            selector.register(self.sock, selectors.EVENT_READ, "request")
            selector.register(wake_read, selectors.EVENT_READ, "reaped")
            while True:
                for key, _ in selector.select():
                    if key.data == "reaped":
                        with contextlib.suppress(BlockingIOError):
                            os.read(wake_read, 4096)
                        continue
                    message, fds, _flags, _address = socket.recv_fds(self.sock, MESSAGE_BYTES, 3)
                    if not message:
                        self._end()
                        return None
                    request = Request(**json.loads(message))
                    pid = self._fork(fds)
                    if pid == 0:
                        signal.set_wakeup_fd(-1)
                        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                        return request, fds
                    self.sock.send(str(pid).encode())
                self._reap(block=False)

    def _fork(self, fds: list[int]) -> int:
        learner.mark_parents_modules()
        gc.freeze()
        launch.flush_streams()
        pid = os.fork()
        if pid:
            out_write, ev_write, status_write = fds
            os.close(out_write)
            os.close(ev_write)
            self.runs[pid] = status_write
        return pid

    def _reap(self, *, block: bool) -> None:
        """Report the exit status of each run that has ended, once its process group is killed:
        what the learner's code left running there goes too, as when the runner ends a run
        forked the usual way. The group is killed before the run is reaped, while its pid is
        still held and cannot name another process's group."""
        while self.runs:
            try:
                ended = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG))
            except ChildProcessError:
                return
            if ended is None:
                return
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(ended.si_pid, signal.SIGKILL)
            pid, status = os.waitpid(ended.si_pid, 0)
            fd = self.runs.pop(pid, None)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.write(fd, str(os.waitstatus_to_exitcode(status)).encode())
                os.close(fd)

    def _end(self) -> None:
        """The runner is done (or gone): no run of ours may outlive it."""
        for pid in list(self.runs):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        self._reap(block=True)


def _become_run(session: pytest.Session, request: Request, fds: list[int]) -> None:
    """Turn this fresh fork of the prepared process into the run ``request`` asks for."""
    out_write, ev_write, _status_write = fds
    env = {**request.env, events.FD_ENV: str(ev_write)}
    launch.become_check_process(out_write, keep=ev_write, cwd=Path(request.cwd), env=env,
                                memory=request.memory, fresh_logging=False)
    plugin.point_at_learner(env.get(learner.CODE_ENV), env.get(learner.SHOWN_ENV))
    tempfile.tempdir = None  # the run's TMPDIR, not whatever the prepared process found
    if request.selected is not None:
        wanted = set(request.selected)
        session.items[:] = [item for item in session.items
                            if item.nodeid in wanted or item.nodeid.split("[", 1)[0] in wanted]
    session.config.option.maxfail = 1 if request.exitfirst else 0

