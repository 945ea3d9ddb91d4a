"""Run a lesson's app on Flask's development server, for curl and the browser.

The server is ``python -m flask --app app run --debug`` in a child process: the learner gets the
reloader and the debugger exactly as the Flask docs describe them. The reference solution runs
from a temporary copy so nothing is ever written into the installed course.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flaskcourse.catalog import Lesson
from flaskcourse.errors import CourseError
from flaskcourse.files import copy_tree


@dataclass(frozen=True)
class ServePlan:
    lesson: Lesson
    folder: Path
    host: str
    port: int
    solution: bool

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "flask", "--app", "app", "run", "--debug",
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


def serve_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run(plan: ServePlan, announce: Callable[[], None] | None = None) -> int:
    """Serve until the server stops or the learner presses Ctrl-C; returns the server's exit code."""
    ensure_port_free(plan.host, plan.port)
    if announce:
        announce()
    scratch = Path(tempfile.mkdtemp(prefix="flaskcourse-serve-")) if plan.solution else None
    folder = plan.folder
    if scratch is not None:
        folder = scratch / plan.lesson.name
        copy_tree(plan.folder, folder, overwrite=True)
    proc = subprocess.Popen(plan.command(), cwd=folder, env=serve_env())
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 0
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
