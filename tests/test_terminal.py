"""What a learner sees at a real terminal 80 columns wide: code never cut, long lesson text
paged, prompts that Ctrl-C and Ctrl-D answer with the documented exit codes, watch mode that
clears the screen and drops a run a newer save made stale, hints whose code looks like code."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from flaskcourse.catalog import load_course
from tests.conftest import REPO, TINY, run_script
from tests.faults.conftest import FAULTS
from tests.terminal import CTRL_C, CTRL_D, Terminal

LESSON_11 = load_course(REPO).get("11")
NUMBERED = re.compile(r"^ *(\d+) │ (.*)$")
GOES_ON = re.compile(r"^ *↪ (.*)$")


def env(course: Path = REPO, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FLASKCOURSE_")}
    return {**clean, "FLASKCOURSE_COURSE_DIR": str(course), **extra}


def code_lines(screen: str) -> list[str]:
    """The code as it was shown: numbered lines, each with the parts that went on below it."""
    lines: list[str] = []
    for row in screen.splitlines():
        if match := NUMBERED.match(row):
            lines.append(match.group(2))
        elif (match := GOES_ON.match(row)) and lines:
            lines[-1] += match.group(1)
    return lines


def test_a_solution_at_80_columns_wraps_long_lines_with_a_mark_and_cuts_nothing(tmp_path: Path) -> None:
    source = (LESSON_11.solution_dir / "app.py").read_text()
    assert max(map(len, source.splitlines())) > 80, "lesson 11 needs a line longer than 80"
    terminal = Terminal(["solution", "11", "--yes"], cwd=tmp_path, env=env())
    assert terminal.wait() == 0
    rows = terminal.seen.splitlines()
    assert max(len(row) for row in rows) <= 80
    assert any(GOES_ON.match(row) for row in rows)
    assert [line.rstrip() for line in code_lines(terminal.seen)] == \
        [line.rstrip() for line in source.splitlines()]


def test_a_piped_solution_and_diff_are_the_plain_files(tmp_path: Path) -> None:
    run_script("start", "11", cwd=tmp_path, env=env())
    shown = run_script("solution", "11", "--yes", cwd=tmp_path, env=env())
    assert shown.returncode == 0, shown.stderr
    source = (LESSON_11.solution_dir / "app.py").read_text()
    assert shown.stdout == "── app.py ──\n" + source
    assert "\x1b[" not in shown.stdout
    diff = run_script("solution", "11", "--diff", "--yes", cwd=tmp_path, env=env()).stdout
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    longest = max(source.splitlines(), key=len)
    assert longest in added, "the longest line of the solution is whole in the diff"
    assert all(not line.endswith(" ") or line.rstrip() in source for line in diff.splitlines())


def test_a_long_lesson_text_opens_in_the_pager_at_its_top(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    terminal = Terminal(["read", "11"], cwd=tmp_path, env=env(PAGER=f"tee {paged}"), rows=40)
    assert terminal.wait() == 0
    text = paged.read_text()
    title = LESSON_11.text_path.read_text().splitlines()[0].lstrip("# ").strip()
    assert title in text.splitlines()[0] + text.splitlines()[1]
    assert "(lesson 11; `flaskcourse hint 11` when you are stuck)" in text
    piped = run_script("read", "11", cwd=tmp_path, env=env(PAGER=f"tee {tmp_path / 'never'}"))
    assert "(lesson 11; `flaskcourse hint 11` when you are stuck)" in piped.stdout
    assert not (tmp_path / "never").exists()


def started_tiny(tmp_path: Path) -> Path:
    assert run_script("start", "01", cwd=tmp_path, env=env(TINY)).returncode == 0
    return tmp_path


def test_ctrl_c_at_a_question_is_an_interruption(tmp_path: Path) -> None:
    terminal = Terminal(["solution", "01"], cwd=started_tiny(tmp_path), env=env(TINY))
    terminal.expect("Show the solution anyway? [y/N]:")
    terminal.until(terminal.reading_input, "the question to wait for an answer")
    terminal.send(CTRL_C)
    assert terminal.wait() == 130
    assert "Interrupted: nothing was recorded and your files are as they were." in terminal.seen
    assert "Aborted!" not in terminal.seen


def test_end_of_input_at_a_question_is_a_usage_problem_that_names_the_flag(tmp_path: Path) -> None:
    terminal = Terminal(["solution", "01"], cwd=started_tiny(tmp_path), env=env(TINY))
    terminal.expect("Show the solution anyway? [y/N]:")
    terminal.send(CTRL_D)
    assert terminal.wait() == 2
    assert "No answer was given (end of input), so nothing was done." in terminal.seen
    assert "`flaskcourse solution 01 --yes`" in terminal.seen
    assert "Aborted!" not in terminal.seen


def test_no_at_a_question_is_a_success_that_shows_nothing(tmp_path: Path) -> None:
    terminal = Terminal(["solution", "01"], cwd=started_tiny(tmp_path), env=env(TINY))
    terminal.expect("Show the solution anyway? [y/N]:")
    terminal.send(b"n\r")
    assert terminal.wait() == 0
    assert "Nothing was shown." in terminal.seen
    assert "Hello, {name}" not in terminal.seen


HANGS_UNTIL_FIXED = """\
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


def test_watch_clears_the_screen_and_a_save_cancels_a_hung_run(tmp_path: Path) -> None:
    """Lesson 02 of the fault course allows 60 s per check: the fix's result must come long
    before the hung run would have timed out."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    assert run_script("start", "02", cwd=workspace, env=env(FAULTS)).returncode == 0
    lesson = workspace / "02-patience"
    (lesson / "app.py").write_text(HANGS_UNTIL_FIXED)
    running = tmp_path / "view-is-running"
    terminal = Terminal(["watch"], cwd=lesson, env=env(FAULTS, FAULT_SUITE_SIGNAL=str(running)))
    try:
        terminal.until(running.exists, "the learner's view to run")
        shutil.copyfile(FAULTS / "solutions/02-patience/app.py", lesson / "app.py")
        terminal.expect("1 of 1 checks pass", timeout=30)
        terminal.send(CTRL_C)
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert terminal.text.count("\x1b[2J") >= 2, "each run starts on a clean screen"
    assert "timed out" not in terminal.seen
    assert "run `flaskcourse check` again" not in terminal.seen
    assert "Stopped watching." in terminal.seen


def test_code_in_a_hint_is_shown_as_code(tmp_path: Path) -> None:
    started_tiny(tmp_path)
    run_script("hint", "01", cwd=tmp_path, env=env(TINY))
    terminal = Terminal(["hint", "01"], cwd=tmp_path, env=env(TINY))
    assert terminal.wait() == 0
    assert "`" not in terminal.seen.split("Hint 2 of 3")[1].split("Run ")[0]
    assert re.search(r"\x1b\[[0-9;]*m\s*return \{'error'", terminal.text)
    piped = run_script("hint", "01", cwd=tmp_path, env=env(TINY))
    assert "`return {'error': 'name is required'}, 400`" in piped.stdout
