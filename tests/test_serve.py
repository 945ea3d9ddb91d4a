"""`flaskcourse serve` starts a real development server on loopback and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

from tests.conftest import TINY, console_script, run_script


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            return requests.get(url, timeout=1)
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def serve(workspace: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "FLASKCOURSE_COURSE_DIR": str(TINY)}
    return subprocess.Popen([console_script(), "serve", *args], cwd=workspace, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    return out


def test_serve_solution_answers_the_walkthrough_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, "01", "--solution", "--port", str(port))
    try:
        answer = wait_for(f"http://127.0.0.1:{port}/greet?name=Ada", proc)
        assert answer.json() == {"greeting": "Hello, Ada!"}
    finally:
        out = stop(proc)
    assert f"Serving the reference solution of lesson 01 on http://127.0.0.1:{port}/" in out
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_serve_runs_the_learners_own_code(tmp_path: Path) -> None:
    run_script("start", "01", cwd=tmp_path, env={"FLASKCOURSE_COURSE_DIR": str(TINY)})
    port = free_port()
    proc = serve(tmp_path, "--port", str(port))
    try:
        assert wait_for(f"http://127.0.0.1:{port}/greet", proc).json() == {"greeting": "Hello!"}
    finally:
        stop(proc)


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_script("serve", "01", "--solution", "--port", str(port), cwd=tmp_path,
                            env={"FLASKCOURSE_COURSE_DIR": str(TINY)})
    assert result.returncode == 2
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr
