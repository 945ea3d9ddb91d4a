"""The fault suite's shared pieces: a learner with a fresh workspace, the installed console
script run in its own session, a fingerprint of the learner's files, and proof that no process
outlives a run.

Every run carries a unique marker in its environment. After the run returns, no process may
still carry it: a learner's forked child, a server it started or a check child the runner
forgot would.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from flaskcourse.progress import Attempt, LessonState, Progress
from tests.conftest import WIDE

FAULTS = Path(__file__).resolve().parents[1] / "fixtures" / "faults-course"
SCRIPT = Path(sys.executable).with_name("flaskcourse")
MARK_ENV = "FAULT_SUITE_RUN"  # not FLASKCOURSE_*: the runner keeps those from the check child
LIMIT = 1.5  # lesson 01's time limit, in course.toml
GOOD = (FAULTS / "solutions/01-pages/app.py").read_text()
PAGES = {"home": "the home page says home", "about": "the about page says about",
         "contact": "the contact page says contact"}
MARKS = "✓✗⏱?-"
LINE = re.compile(rf"^ ([{MARKS}]) (.+?)(?:  \((?:timed out|could not check|not run)\))?$")


def app_with(*, top: str = "", about: str = "", head: str = "") -> str:
    """Lesson 01's passing app with learner code added: ``head`` first, ``top`` right after
    ``app = Flask(__name__)`` (runs at import), ``about`` at the start of the about view."""
    source = head + GOOD
    if top:
        source = source.replace("app = Flask(__name__)\n",
                                "app = Flask(__name__)\n" + textwrap.dedent(top).strip("\n") + "\n")
    if about:
        body = textwrap.indent(textwrap.dedent(about).strip("\n"), "    ")
        source = source.replace('    return "about"', body + '\n    return "about"')
    return source


def line_of(source: str, snippet: str) -> int:
    """The 1-based number of the first line of ``source`` holding ``snippet``."""
    return next(n for n, text in enumerate(source.splitlines(), 1) if snippet in text)


def flat(text: str) -> str:
    """Terminal output as one line of words: no colours, no panel borders, no wrapping."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", re.sub(r"\x1b\[[0-9;]*m", "", text)).split())


@dataclass
class Ran:
    """One finished run of the console script."""

    args: Sequence[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float = 0.0

    @property
    def said(self) -> str:
        return flat(self.stdout + "\n" + self.stderr)

    def marks(self) -> dict[str, str]:
        """Each check's sentence and the mark it got, from the streamed result lines."""
        found: dict[str, str] = {}
        for line in self.stdout.splitlines():
            match = LINE.match(line)
            if match:
                found.setdefault(match.group(2), match.group(1))
        return found

    def pages(self) -> dict[str, str]:
        """Lesson 01's marks by page: ``{"home": "✓", ...}``; a page never reported is absent."""
        marks = self.marks()
        return {page: marks[name] for page, name in PAGES.items() if name in marks}

    def __str__(self) -> str:
        return f"$ flaskcourse {' '.join(self.args)}  → {self.returncode}\n{self.stdout}\n{self.stderr}"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` except the state folder, with a digest of each file."""
    seen: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] == ".flaskcourse":
            continue
        if path.is_symlink():
            seen[str(rel)] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            seen[str(rel)] = "folder"
        else:
            seen[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def carrying(marker: str) -> list[int]:
    """The processes whose environment holds this run's marker."""
    needle = f"{MARK_ENV}={marker}".encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            environ = Path(entry.path, "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def assert_nothing_left(marker: str, within: float = 5.0) -> None:
    """No process of the run is alive ``within`` seconds after it returned (any found is
    killed, so one failing test does not slow down the rest)."""
    deadline = time.monotonic() + within
    while (left := carrying(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if not left:
        return
    described = []
    for pid in left:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            described.append(f"{pid}: {command.decode()}")
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    raise AssertionError("processes outlived the run:\n" + "\n".join(described))


@dataclass
class Running:
    """A run still going, started in its own session so Ctrl-C can reach its whole group."""

    proc: subprocess.Popen[str]
    args: Sequence[str]
    marker: str
    began: float = field(default_factory=time.monotonic)

    def interrupt(self, timeout: float = 30) -> Ran:
        """Press Ctrl-C (SIGINT to the foreground group, as a terminal does) and wait."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.finish(timeout)

    def finish(self, timeout: float = 90) -> Ran:
        """Wait for the end; then nothing of the run may be left running."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"flaskcourse {' '.join(self.args)} did not end within {timeout} s")
        finally:
            _stop(self.proc)
            assert_nothing_left(self.marker)
        return Ran(self.args, self.proc.returncode, out, err, time.monotonic() - self.began)


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


def wait_until(condition: Callable[[], object], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


class Learner:
    """A learner's machine in a temporary folder: a workspace, a home folder and a TMPDIR."""

    def __init__(self, base: Path, course: Path = FAULTS) -> None:
        self.root = base / "workspace"
        self.home = base / "home"
        self.tmp = base / "tmp"
        for folder in (self.root, self.home, self.tmp):
            folder.mkdir(parents=True)
        (self.home / ".bashrc").write_text("# the learner's own\n")
        self.course = course

    def env(self, marker: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLASKCOURSE_")}
        env.update({"FLASKCOURSE_COURSE_DIR": str(self.course), "HOME": str(self.home),
                    "TMPDIR": str(self.tmp), "COLUMNS": WIDE, MARK_ENV: marker})
        return env

    def launch(self, *args: str, cwd: Path | None = None, wrap: Sequence[str] = (),
               extra_env: dict[str, str] | None = None) -> Running:
        marker = uuid.uuid4().hex
        proc = subprocess.Popen([*wrap, str(SCRIPT), *args], cwd=cwd or self.root,
                                env={**self.env(marker), **(extra_env or {})},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        return Running(proc, args, marker)

    def run(self, *args: str, cwd: Path | None = None, wrap: Sequence[str] = (),
            timeout: float = 90, extra_env: dict[str, str] | None = None) -> Ran:
        """Run the console script to its end; then nothing of it may be left running and no
        scratch folder may be left in TMPDIR."""
        ran = self.launch(*args, cwd=cwd, wrap=wrap, extra_env=extra_env).finish(timeout)
        leftovers = sorted(p.name for p in self.tmp.iterdir())
        assert not leftovers, f"left in TMPDIR: {leftovers}"
        return ran

    def lesson(self, lesson: str = "01") -> Path:
        return self.root / {"01": "01-pages", "02": "02-patience"}[lesson]

    def start(self, lesson: str = "01", app: str | bytes | None = None,
              files: dict[str, str] | None = None) -> Path:
        """Start a lesson with the console script, then write the learner's files into it."""
        started = self.run("start", lesson)
        assert started.returncode == 0, started
        folder = self.lesson(lesson)
        for name, text in {**({"app.py": app} if app is not None else {}), **(files or {})}.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                (folder / name).write_bytes(text)
            else:
                (folder / name).write_text(text)
        return folder

    def snapshot(self) -> tuple[dict[str, str], dict[str, str]]:
        """The learner's files (the state folder aside) and home folder, to compare later."""
        return fingerprint(self.root), fingerprint(self.home)

    @contextmanager
    def progress(self) -> Iterator[Progress]:
        progress = Progress.open(self.root / ".flaskcourse/progress.sqlite3")
        try:
            yield progress
        finally:
            progress.close()

    def attempts(self) -> list[Attempt]:
        with self.progress() as progress:
            return progress.history(100)

    def state(self, lesson: str = "01") -> LessonState:
        with self.progress() as progress:
            return progress.state(lesson)


def patient_course(folder: Path, seconds: float = 60) -> Path:
    """A copy of the fault course whose lesson 01 allows ``seconds`` per check: for faults that
    are slow without hanging, whose tests must not depend on how busy the machine is."""
    shutil.copytree(FAULTS, folder)
    catalog = folder / "course/course.toml"
    text = catalog.read_text()
    assert text.count(f"time_limit = {LIMIT:g}\n") == 1, "lesson 01's time limit moved"
    catalog.write_text(text.replace(f"time_limit = {LIMIT:g}\n", f"time_limit = {seconds:g}\n", 1))
    return folder


@pytest.fixture
def learner(tmp_path: Path) -> Learner:
    return Learner(tmp_path)


def unshare_works(*flags: str) -> bool:
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", *flags, "true"], check=False, capture_output=True).returncode == 0
