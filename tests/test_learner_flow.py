"""The installed command as a learner meets it between lessons: what comes next, hints, the
workspace it finds, what it writes, and what it says about the app's own output and errors."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TINY, console_script, run_script, write
from tests.faults.conftest import flat, line_of

TINY_ENV = {"FLASKCOURSE_COURSE_DIR": str(TINY)}
GREET = (TINY / "solutions/01-greet/app.py").read_text()


def fc(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    ran = run_script(*args, cwd=cwd, env={**TINY_ENV, **env})
    ran.said = flat(ran.stdout + "\n" + ran.stderr)  # type: ignore[attr-defined]
    return ran


def test_next_is_the_same_lesson_on_every_screen(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    fc("start", "02", cwd=tmp_path)
    shutil.copyfile(TINY / "solutions/02-count/app.py", tmp_path / "02-count/app.py")
    passed = fc("check", cwd=tmp_path / "02-count")
    assert passed.returncode == 0, passed.said
    assert "Next: flaskcourse next lesson 01: Greeting" in passed.said
    assert "Current lesson 02: Counting (passed) Next: flaskcourse next starts lesson 01" in fc(cwd=tmp_path).said
    went = fc("next", cwd=tmp_path / "02-count")
    assert "Lesson 01: Greeting" in went.said
    assert "Next: cd ../01-greet then `flaskcourse read`" in went.said
    assert "Next: cd" not in fc("next", cwd=tmp_path).said, "from the workspace, `check` finds it"


def test_hints_name_their_lesson_and_end_by_saying_so(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    fc("start", "02", cwd=tmp_path)
    said = [fc("hint", "01", cwd=tmp_path / "02-count").said for _ in range(4)]
    assert "Hint 1 of 3 for lesson 01" in said[0]
    assert "Run `flaskcourse hint 01` again for a stronger one." in said[0]
    assert "There are no more hints. `flaskcourse solution 01 --diff` compares" in said[2]
    assert said[3].startswith("That was the last hint for lesson 01; here it is again.")
    assert "Hint 3 of 3 for lesson 01" in said[3]


@pytest.mark.parametrize("kind", ["missing", "file", "empty folder"])
def test_flaskcourse_home_that_is_no_workspace_is_named(tmp_path: Path, kind: str) -> None:
    named = tmp_path / "named"
    if kind == "file":
        named.write_text("not a folder")
    elif kind == "empty folder":
        named.mkdir()
    ran = fc("check", "01", cwd=tmp_path, FLASKCOURSE_HOME=str(named))
    assert ran.returncode == 2
    why = {"missing": "which does not exist", "file": "which is a file, not a folder",
           "empty folder": "which is not a flaskcourse workspace (it holds no .flaskcourse/ folder)"}
    assert f"FLASKCOURSE_HOME is set to {named}, {why[kind]}." in ran.said
    assert "`unset FLASKCOURSE_HOME`" in ran.said
    listed = fc("list", cwd=tmp_path, FLASKCOURSE_HOME=str(named))
    assert listed.returncode == 0
    assert (f"Note: FLASKCOURSE_HOME is set to {named}, {why[kind]}. `flaskcourse start NN` "
            "makes a workspace there.") in flat(listed.stderr)


def test_what_the_app_printed_is_mentioned_and_shown_with_v(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    (tmp_path / "01-greet/app.py").write_text(GREET.replace(
        "app = Flask(__name__)\n", "app = Flask(__name__)\nprint('loading')\nprint('ready')\n"))
    quiet = fc("check", cwd=tmp_path)
    assert quiet.returncode == 0
    # Two lines each time the app is imported: once to load it, then afresh for each check.
    assert "Your app printed 6 lines: `flaskcourse check -v` shows them." in quiet.said
    assert "ready" not in quiet.stdout
    loud = fc("check", "-v", cwd=tmp_path)
    assert "what your app printed" in loud.said and "loading" in loud.stdout


def test_junit_into_a_new_folder_says_where_it_wrote(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    ran = fc("check", "--json", "--junit", "reports/ci/lesson.xml", cwd=tmp_path)
    json.loads(ran.stdout)  # stdout stays one JSON document
    assert (f"JUnit XML written to {tmp_path / 'reports/ci/lesson.xml'} "
            f"(the folder {tmp_path / 'reports'} was made for it)") in flat(ran.stderr)
    again = fc("check", "--junit", "reports/ci/lesson.xml", cwd=tmp_path)
    assert f"JUnit XML written to {tmp_path / 'reports/ci/lesson.xml'}" in again.said
    assert "was made for it" not in again.said


@pytest.mark.parametrize("umask", [0o002, 0o077])
def test_lesson_folders_follow_the_learners_umask(tmp_path: Path, umask: int) -> None:
    ran = subprocess.run(["sh", "-c", f'umask {umask:03o} && exec "$0" start 01', console_script()],
                         cwd=tmp_path, env={**os.environ, **TINY_ENV}, capture_output=True,
                         text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    for made in (tmp_path / "01-greet", tmp_path / "01-greet/app.py"):
        full = 0o777 if made.is_dir() else 0o666
        assert stat.S_IMODE(made.stat().st_mode) == full & ~umask, made


def test_a_misspelt_name_gets_pythons_suggestion(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    (tmp_path / "01-greet/app.py").write_text(GREET.replace(
        'name = request.args.get("name", "")', 'name = reqest.args.get("name", "")'))
    ran = fc("check", cwd=tmp_path)
    assert "your app raised NameError: name 'reqest' is not defined. Did you mean: 'request'?" in ran.said
    write(tmp_path / "01-greet", {"app.py": "from flask import Flask\napp = Flask(__nme__)\n"})
    ran = fc("check", cwd=tmp_path)
    assert "raised NameError: name '__nme__' is not defined. Did you mean: '__name__'?" in ran.said


def test_app_run_at_import_is_said_once(tmp_path: Path) -> None:
    fc("start", "01", cwd=tmp_path)
    source = GREET.replace("if __name__ == \"__main__\":\n    ", "")
    (tmp_path / "01-greet/app.py").write_text(source)
    ran = fc("check", cwd=tmp_path)
    assert ran.returncode == 2
    assert ran.said.count("app.run() was called while the checks were loading your app") == 1
    assert "Python said" not in ran.said
    assert (f"Your code, innermost call last: app.py, line {line_of(source, 'app.run()')}, "
            "in <module> app.run()") in ran.said
