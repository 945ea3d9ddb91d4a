"""Shared fixtures: a tiny two-lesson course and an empty workspace to run it in."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flaskcourse.catalog import COURSE_ENV, Course, load_course
from flaskcourse.cli import main

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "fixtures" / "course"
REPO = TESTS.parent
WIDE = "5000"
"""The terminal width tests render at: wider than any path, so no sentence is ever wrapped
and what a test looks for does not depend on how long its temporary folder's name is."""


# A shell that starts the tests in the background (`pytest &` in a script, some CI runners)
# hands them an ignored SIGINT, and every program they start would inherit it: Python then
# installs no KeyboardInterrupt at all, and the tests that press Ctrl-C would test nothing.
# Caught here, the programs started by the tests get the default back (exec resets it).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

SLOW = ("tests/faults/", "tests/test_course.py::test_lesson_verifies", "tests/test_serve.py",
        "tests/test_terminal.py::test_watch")
"""Tests that take seconds each: the real course verified lesson by lesson, the fault suite
(many runs of the installed command against code that hangs, floods or exits), development
servers, and watch mode waiting on a hung run. `pytest -m "not slow"` is the quick part."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        nodeid = item.nodeid.replace("\\", "/")
        if nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def tiny() -> Course:
    return load_course(TINY)


@pytest.fixture
def real_course() -> Course:
    return load_course(REPO)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to be the workspace, the working directory, with the tiny course active."""
    folder = tmp_path / "learner"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv(COURSE_ENV, str(TINY))
    monkeypatch.delenv("FLASKCOURSE_HOME", raising=False)
    monkeypatch.setenv("COLUMNS", WIDE)
    return folder


@pytest.fixture
def cli(home: Path) -> Iterator[callable]:
    """Invoke the CLI in-process, as a learner in ``home`` would."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    yield invoke


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def console_script() -> str:
    """The installed ``flaskcourse`` next to the running interpreter."""
    found = Path(sys.executable).with_name("flaskcourse")
    return str(found) if found.exists() else shutil.which("flaskcourse") or "flaskcourse"


def run_script(*args: str, cwd: Path, env: dict[str, str] | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": WIDE, **(env or {})}
    return subprocess.run([console_script(), *args], cwd=cwd, env=full_env, text=True,
                          capture_output=True, timeout=timeout)
