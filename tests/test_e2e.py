"""The installed console script, end to end, as a learner in a terminal would use it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from tests.conftest import REPO, TINY, console_script, run_script

TINY_ENV = {"FLASKCOURSE_COURSE_DIR": str(TINY)}


def test_a_learner_session_from_start_to_pass(tmp_path: Path) -> None:
    started = run_script("start", "01", cwd=tmp_path, env=TINY_ENV)
    assert started.returncode == 0, started.stderr
    lesson = tmp_path / "01-greet"
    failing = run_script("check", cwd=lesson, env=TINY_ENV)
    assert failing.returncode == 1
    assert "✗ greets Ada by name" in failing.stdout
    shutil.copyfile(TINY / "solutions/01-greet/app.py", lesson / "app.py")
    passing = run_script("check", "--json", cwd=lesson, env=TINY_ENV)
    assert passing.returncode == 0
    assert json.loads(passing.stdout)["passed"] is True
    progress = run_script("progress", cwd=tmp_path, env=TINY_ENV)
    assert "1 of 2 lessons passed" in progress.stdout


def test_watch_rechecks_on_save_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    run_script("start", "01", cwd=tmp_path, env=TINY_ENV)
    lesson = tmp_path / "01-greet"
    proc = subprocess.Popen([console_script(), "watch"], cwd=lesson,
                            env={**os.environ, **TINY_ENV, "COLUMNS": "120"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    seen: list[str] = []

    def wait_for(text: str, seconds: float = 30) -> None:
        assert proc.stdout is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            seen.append(line)
            if text in line:
                return
        raise AssertionError(f"never saw {text!r} in {''.join(seen)}")

    try:
        wait_for("0 of 2 checks pass")
        shutil.copyfile(TINY / "solutions/01-greet/app.py", lesson / "app.py")
        wait_for("2 of 2 checks pass")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "Stopped watching." in rest
    assert "Traceback" not in rest


@pytest.mark.slow
def test_a_plain_install_into_a_fresh_venv_finds_the_lessons_and_verifies(tmp_path: Path) -> None:
    """`pip install .` (not editable) must ship the lesson folders inside the package."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(REPO)], check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("flaskcourse-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", str(wheel)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASKCOURSE_")}
    elsewhere = tmp_path / "learner"
    elsewhere.mkdir()
    listing = subprocess.run([str(venv / "bin/flaskcourse"), "list"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0, listing.stderr
    for lesson in load_course(REPO).lessons:
        assert f"{lesson.id}  {lesson.title}" in listing.stdout
    verified = subprocess.run([str(venv / "bin/flaskcourse"), "verify", "11"], cwd=elsewhere,
                              env=env, capture_output=True, text=True, timeout=900)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    site = subprocess.run([str(venv / "bin/python"), "-c",
                           "import flaskcourse, pathlib; print(pathlib.Path(flaskcourse.__file__).parent)"],
                          cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert (Path(site) / "_data/checks/11-divide-errors").is_dir()
