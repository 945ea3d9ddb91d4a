"""Run a lesson's app on Flask's development server, for curl and the browser.

The server is ``flask --app app run --debug`` in a child process (started through this module,
so that a ``NO_COLOR`` or a pipe reaches Werkzeug's log too): the learner gets the reloader and
the debugger exactly as the Flask docs describe them. The debugger runs any code its user types,
so it is on only where nobody else can reach it (a loopback host), unless asked for.

The child runs in a process group of its own. Ctrl-C, SIGTERM and SIGHUP sent to flaskcourse
are passed on to that whole group (the reloader and the server it starts), and flaskcourse
waits for it before it cleans up and exits: nothing keeps serving the port afterwards.

The reference solution runs from a temporary copy so nothing is ever written into the installed
course; its instance folder (where a lesson keeps its database) lives in the workspace's state,
so what the learner saves is still there after a restart.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flaskcourse.catalog import Lesson
from flaskcourse.errors import CourseError
from flaskcourse.files import copy_tree, remove_tree

STOP_SECONDS = 5.0
PASSED_ON = (signal.SIGTERM, signal.SIGHUP)
OWN_TREE = Path(os.path.abspath(__file__)).parent.parent
"""Where flaskcourse is installed: site-packages, or the source tree of an editable install.
Werkzeug's reloader watches every Python file in each folder on ``sys.path``, and an editable
install puts this whole tree there: a change in it is not a change to the app being served."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServePlan:
    lesson: Lesson
    folder: Path
    host: str
    port: int
    solution: bool
    debugger: bool = True
    instance: Path | None = None
    """Where the reference keeps its instance folder between runs (None: a temporary one)."""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.lesson.serve_path}"

    def command(self, folder: Path) -> list[str]:
        """``flask run`` for the app in ``folder``; its reloader restarts the server for a
        change to the app, not for one to flaskcourse's own files (unless the app is among
        them)."""
        own = [] if Path(os.path.abspath(folder)).is_relative_to(OWN_TREE) else [
            "--exclude-patterns", str(OWN_TREE / "*")]
        return [sys.executable, "-m", "flaskcourse.serve", "--app", "app", "run", "--debug",
                *([] if self.debugger else ["--no-debugger"]), *own,
                "--host", self.host, "--port", str(self.port)]


def ensure_port_free(host: str, port: int) -> None:
    """Fail with a clear message instead of Werkzeug's traceback when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CourseError(f"Port {port} on {host} is already in use (another server is "
                                  "running, maybe an earlier `flaskcourse serve`).",
                                  hint=f"Stop it, or pick another port: --port {port + 1}") from exc
            raise CourseError(f"Cannot serve on {host}:{port}: {exc.strerror or exc}.") from exc


def serve_env(plain: bool) -> dict[str, str]:
    """The server's environment: no FLASK_ settings of the learner's shell, and NO_COLOR when
    flaskcourse's own output is plain."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env["PYTHONUNBUFFERED"] = "1"
    if plain:
        env["NO_COLOR"] = "1"
    return env


class _Stopped(Exception):
    """flaskcourse was sent SIGTERM or SIGHUP."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the wait for the server the way Ctrl-C does."""
    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in PASSED_ON}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _end(proc: subprocess.Popen[bytes], signum: int) -> None:
    """Pass ``signum`` to the server's process group, then wait for it (killing it if it
    takes longer than ``STOP_SECONDS``)."""
    for sent in (signum, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sent)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=STOP_SECONDS)
            break
        except subprocess.TimeoutExpired:
            continue
    proc.wait()


def _reference_copy(plan: ServePlan, scratch: Path) -> Path:
    """The reference in ``scratch``, its instance folder the persistent one of the plan."""
    folder = scratch / plan.lesson.name
    copy_tree(plan.folder, folder, overwrite=True)
    if plan.instance is not None:
        plan.instance.mkdir(parents=True, exist_ok=True)
        remove_tree(folder / "instance")
        (folder / "instance").symlink_to(plan.instance, target_is_directory=True)
    return folder


PREPARE_SECONDS = 120


def _prepare(plan: ServePlan, folder: Path, plain: bool) -> None:
    """Run the lesson's ``serve_prepare`` command in the reference's copy (its migrations, say),
    so the reference answers its first request instead of a 500 for a table never made."""
    if not plan.solution or not plan.lesson.serve_prepare:
        return
    line = ["flask", "--app", "app", *plan.lesson.serve_prepare]
    try:
        done = subprocess.run([sys.executable, "-m", *line], cwd=folder, env=serve_env(plain),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=PREPARE_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise CourseError(f"`{' '.join(line)}` did not finish in {PREPARE_SECONDS} s, so the "
                          "reference cannot be served.") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise CourseError(f"`{' '.join(line)}` failed in the reference's copy, so it cannot be "
                          "served:\n" + "\n".join(said),
                          hint=(f"The reference keeps its data in {plan.instance}: delete that "
                                "folder to start it afresh.") if plan.instance else None)


def run(plan: ServePlan, announce: Callable[[], None] | None = None, *, plain: bool = False) -> int:
    """Serve until the server stops, the learner presses Ctrl-C (0), or flaskcourse is sent
    SIGTERM or SIGHUP (128 + the signal's number); returns the exit code."""
    ensure_port_free(plan.host, plan.port)
    if announce:
        announce()
    scratch = Path(tempfile.mkdtemp(prefix="flaskcourse-serve-")) if plan.solution else None
    try:
        with _stop_signals():
            folder = _reference_copy(plan, scratch) if scratch is not None else plan.folder
            _prepare(plan, folder, plain)
            proc = subprocess.Popen(plan.command(folder), cwd=folder, env=serve_env(plain),
                                    stdin=subprocess.DEVNULL, process_group=0)
            try:
                return proc.wait()
            except KeyboardInterrupt:
                _end(proc, signal.SIGINT)
                return 0
            except _Stopped as stopped:
                _end(proc, signal.SIGTERM)
                return 128 + stopped.signum
            finally:
                if proc.poll() is None:
                    _end(proc, signal.SIGKILL)
    finally:
        if scratch is not None:
            remove_tree(scratch)


def _flask_main() -> None:
    """``flask`` itself, with Werkzeug's coloured log lines made plain where colour is not
    wanted (Werkzeug looks at neither NO_COLOR nor whether it writes to a terminal)."""
    if os.environ.get("NO_COLOR") or not sys.stderr.isatty():
        import werkzeug.serving

        werkzeug.serving._log_add_style = False  # type: ignore[attr-defined]
    from flask.cli import main

    main()


if __name__ == "__main__":
    _flask_main()
