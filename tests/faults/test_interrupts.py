"""Case 12: Ctrl-C during ``check``, ``start`` and ``reset``. Exit code 130, no half-written
file, no half-recorded progress, no temporary folder left where the learner would see it.

To interrupt ``start`` and ``reset`` in the middle of copying, the course's starter holds a
named pipe: copying it waits until someone writes to the pipe, which nobody does. The test
waits until flaskcourse is demonstrably blocked reading it, then presses Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from tests.faults.conftest import FAULTS, GOOD, Learner, Ran, wait_until

INTERRUPTED = "Interrupted: nothing was recorded and your files are as they were."
PATIENT_VIEW = """\
import os, time
from pathlib import Path
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    Path(os.environ["FAULT_SUITE_SIGNAL"]).touch()
    time.sleep(120)
    return "home"
"""


def test_ctrl_c_during_check_records_nothing_and_ends_the_checks(learner: Learner,
                                                                 tmp_path: Path) -> None:
    learner.start("02", app=PATIENT_VIEW)
    before = learner.snapshot()
    running_view = tmp_path / "view-is-running"
    running = learner.launch("check", "02", extra_env={"FAULT_SUITE_SIGNAL": str(running_view)})
    wait_until(running_view.exists, "the learner's view to run")
    ran = running.interrupt()
    assert ran.returncode == 130, ran
    assert INTERRUPTED in ran.said
    assert "Traceback" not in ran.said
    assert "✓" not in ran.stdout
    assert learner.attempts() == []
    assert learner.snapshot() == before
    assert not any(learner.tmp.iterdir()), "the run's scratch folder was left behind"


@pytest.fixture
def blocking_course(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the fault course, and where to put a named pipe in lesson 01's starter (its
    name sorts after app.py, so app.py is copied first)."""
    course = tmp_path / "course"
    shutil.copytree(FAULTS, course)
    return course, course / "exercises/01-pages/zz-blocks"


def block_on(fifo: Path) -> None:
    os.mkfifo(fifo)


def reading(fifo: Path) -> int | None:
    """A write end of ``fifo`` once someone has it open for reading (that is, is copying it)."""
    try:
        return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            return None
        raise


def blocked_reading(pid: int) -> bool:
    """The process sleeps inside read() on a pipe. A Ctrl-C that lands a moment before the
    call starts is only seen by Python after it returns, which here is never; a real learner
    would press Ctrl-C again, the test waits for the right moment instead."""
    return Path(f"/proc/{pid}/wchan").read_text().endswith("pipe_read")


def interrupt_while_copying(learner: Learner, fifo: Path, *args: str) -> Ran:
    running = learner.launch(*args)
    held: list[int] = []
    try:
        wait_until(lambda: held.append(fd) or True if (fd := reading(fifo)) is not None else False,
                   f"`flaskcourse {' '.join(args)}` to reach the named pipe")
        wait_until(lambda: blocked_reading(running.proc.pid), "the copy to wait for the pipe")
        return running.interrupt()
    finally:
        for fd in held:
            os.close(fd)


def state_leftovers(learner: Learner) -> list[str]:
    return sorted(p.name for p in (learner.root / ".flaskcourse").iterdir()
                  if p.name.startswith(("incoming-", "outgoing-")))


def test_ctrl_c_during_start_leaves_no_half_made_lesson(tmp_path: Path,
                                                        blocking_course: tuple[Path, Path]) -> None:
    course, fifo = blocking_course
    learner = Learner(tmp_path / "machine", course)
    learner.start("02")
    block_on(fifo)
    before = learner.snapshot()
    ran = interrupt_while_copying(learner, fifo, "start", "01")
    assert ran.returncode == 130, ran
    assert INTERRUPTED in ran.said
    assert "Traceback" not in ran.said
    assert learner.snapshot() == before
    assert not learner.lesson("01").exists()
    assert state_leftovers(learner) == []
    assert learner.state("01").started_at is None
    with learner.progress() as progress:
        assert progress.current() == "02"
    fifo.unlink()
    assert learner.run("start", "01").returncode == 0
    assert (learner.lesson("01") / "app.py").read_bytes() == (course / "exercises/01-pages/app.py").read_bytes()


def test_ctrl_c_during_reset_keeps_the_learners_files(tmp_path: Path,
                                                      blocking_course: tuple[Path, Path]) -> None:
    course, fifo = blocking_course
    learner = Learner(tmp_path / "machine", course)
    learner.start("01", app=GOOD.replace("about", "about us"), files={"notes.txt": "mine\n"})
    block_on(fifo)
    before = learner.snapshot()
    attempts = learner.attempts()
    ran = interrupt_while_copying(learner, fifo, "reset", "01")
    assert ran.returncode == 130, ran
    assert INTERRUPTED in ran.said
    assert "Traceback" not in ran.said
    assert learner.snapshot() == before
    assert state_leftovers(learner) == []
    assert learner.attempts() == attempts
    (backup,) = (learner.root / ".flaskcourse/backups/01-pages").iterdir()
    assert (backup / "notes.txt").read_text() == "mine\n"
