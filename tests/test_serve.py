"""`flaskcourse serve` starts a real development server on loopback and stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO, TINY, WIDE, console_script, run_script
from tests.terminal import CTRL_C, Terminal


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            return requests.get(url, timeout=10)
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def serve(workspace: Path, *args: str, **extra_env: str) -> subprocess.Popen:
    env = {**os.environ, "FLASKCOURSE_COURSE_DIR": str(TINY), "COLUMNS": WIDE, **extra_env}
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
    assert proc.returncode == 0, "Ctrl-C is how serve is stopped: exit code 0"
    assert f"Serving the reference solution of lesson 01 on http://127.0.0.1:{port}/greet?name=Ada" in out
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


def advertised(out: str) -> str:
    return re.search(r"Serving .* on (http://\S+)", out).group(1)


def test_serve_advertises_a_url_the_lesson_answers(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, "01", "--solution", "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/greet", proc)
    finally:
        out = stop(proc)
    assert proc.returncode == 0, out
    url = advertised(out)
    assert url == f"http://127.0.0.1:{port}/greet?name=Ada"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_killed_serve_stops_its_server_and_removes_its_copy(tmp_path: Path, signum: int) -> None:
    """`kill` reaches flaskcourse alone, not its process group: it must pass the signal on."""
    port, scratch = free_port(), tmp_path / "tmp"
    scratch.mkdir()
    proc = serve(tmp_path, "01", "--solution", "--port", str(port), TMPDIR=str(scratch))
    try:
        wait_for(f"http://127.0.0.1:{port}/greet", proc)
        assert [p.name for p in scratch.iterdir()], "the reference runs from a copy in TMPDIR"
        os.kill(proc.pid, signum)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, out
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the server still answers"
    assert list(scratch.iterdir()) == []


def test_the_debugger_is_off_on_every_interface_unless_asked_for(tmp_path: Path) -> None:
    for extra, active in (((), False), (("--debug",), True)):
        port = free_port()
        proc = serve(tmp_path, "01", "--solution", "--host", "0.0.0.0", "--port", str(port), *extra)
        try:
            wait_for(f"http://127.0.0.1:{port}/greet", proc)
        finally:
            out = stop(proc)
        said = " ".join(out.split())
        assert ("Debugger is active" in out) is active, out
        if active:
            assert "The debugger is on: 0.0.0.0 can be reached from other machines" in said
            assert "It is on because you asked (--debug)." in said
        else:
            assert "The debugger is off: 0.0.0.0 can be reached from other machines" in said
            assert "Add --debug to turn it on anyway." in said


def test_the_reference_keeps_its_data_across_restarts(tmp_path: Path) -> None:
    """Lesson 02 of the real course: a post saved, the server restarted, the post still there."""
    course = {"FLASKCOURSE_COURSE_DIR": str(REPO)}
    assert run_script("start", "02", cwd=tmp_path, env=course).returncode == 0
    post = {"title": "Kept", "slug": "kept-across-restarts", "content": "still here"}
    for attempt in ("save", "read"):
        port = free_port()
        proc = serve(tmp_path, "02", "--solution", "--port", str(port), **course)
        try:
            wait_for(f"http://127.0.0.1:{port}/posts", proc)
            if attempt == "save":
                made = requests.post(f"http://127.0.0.1:{port}/posts", json=post, timeout=30)
                assert made.status_code == 201, made.text
            else:
                kept = requests.get(f"http://127.0.0.1:{port}/posts/{post['slug']}", timeout=30)
                assert kept.status_code == 200 and kept.json()["content"] == "still here"
        finally:
            out = stop(proc)
    assert f"The reference keeps its data in {tmp_path / '.flaskcourse'}" in " ".join(out.split())


def test_the_reference_runs_its_migrations_before_serving(tmp_path: Path) -> None:
    """Lesson 20's app never makes its tables (its migrations do): the reference runs the
    catalog's serve_prepare (`flask db upgrade`) first, twice as well as once, and keeps what
    was added across the restart."""
    course = {"FLASKCOURSE_COURSE_DIR": str(REPO)}
    assert run_script("start", "20", cwd=tmp_path, env=course).returncode == 0
    for attempt in ("add", "read"):
        port = free_port()
        proc = serve(tmp_path, "20", "--solution", "--port", str(port), **course)
        try:
            listed = wait_for(f"http://127.0.0.1:{port}/authors", proc)
            assert listed.status_code == 200, listed.text
            if attempt == "add":
                made = requests.post(f"http://127.0.0.1:{port}/authors", json={"name": "Lem"},
                                     timeout=30)
                assert made.status_code == 201, made.text
            else:
                assert [a["name"] for a in listed.json()] == ["Lem"]
        finally:
            stop(proc)


def test_the_servers_own_log_has_no_colour_in_a_pipe_or_under_no_color(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, "01", "--solution", "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/greet", proc)
    finally:
        out = stop(proc)
    assert "Press CTRL+C to quit" in out and '"GET /greet HTTP/1.1" 400' in out
    assert "\x1b[" not in out
    port = free_port()
    env = {**os.environ, "FLASKCOURSE_COURSE_DIR": str(TINY), "NO_COLOR": "1"}
    terminal = Terminal(["serve", "01", "--solution", "--port", str(port)], cwd=tmp_path, env=env)
    try:
        terminal.expect("Press CTRL+C to quit")
        terminal.send(CTRL_C)
        assert terminal.wait() == 0
    finally:
        terminal.close()
    werkzeug_says = terminal.text[terminal.text.index("WARNING: This is a development server"):]
    assert "\x1b[3" not in werkzeug_says and "\x1b[1m" not in werkzeug_says



def printed_until(proc: subprocess.Popen, needle: str, seconds: float = 30) -> str:
    """What the server has printed, read as it comes until ``needle`` shows (with a bound)."""
    seen, deadline, fd = "", time.monotonic() + seconds, proc.stdout.fileno()
    while needle not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.2)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk.decode("utf-8", "replace")
    return seen


def test_a_change_to_flaskcourses_own_files_does_not_restart_the_app(tmp_path: Path) -> None:
    """The reloader scans every folder on sys.path, and an editable install puts the whole
    source tree there: editing a test restarted the reference (in lesson 17 with a new secret
    key, which logs everyone out). A change to the app itself still restarts it."""
    port, scratch = free_port(), tmp_path / "tmp"
    scratch.mkdir()
    proc = serve(tmp_path, "01", "--solution", "--port", str(port), TMPDIR=str(scratch))
    printed = ""
    try:
        wait_for(f"http://127.0.0.1:{port}/greet", proc)
        os.utime(__file__)  # one of flaskcourse's own files, in the tree an editable install adds
        time.sleep(1.5)  # longer than one turn of the reloader's scan, which would have seen it
        (app,) = scratch.glob("*/01-greet/app.py")
        os.utime(app)
        printed = printed_until(proc, "Detected change in")
    finally:
        printed += stop(proc)
    detected = [line for line in printed.splitlines() if "Detected change in" in line]
    assert detected and "app.py" in detected[0], printed
