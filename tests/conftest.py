"""Shared fixtures: a tiny two-lesson course and an empty workspace to run it in."""

from __future__ import annotations

import os
import shutil
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
    monkeypatch.setenv("COLUMNS", "120")
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
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run([console_script(), *args], cwd=cwd, env=full_env, text=True,
                          capture_output=True, timeout=timeout)
