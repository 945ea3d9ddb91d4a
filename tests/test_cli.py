"""The command line, invoked in-process with CliRunner against the tiny course."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from flaskcourse.catalog import COURSE_ENV
from tests.conftest import TINY

SOLUTION = TINY / "solutions/01-greet/app.py"


def pass_lesson(home: Path) -> None:
    shutil.copyfile(SOLUTION, home / "01-greet/app.py")


def test_home_without_a_workspace_says_how_to_begin(cli) -> None:
    result = cli()
    assert result.exit_code == 0
    assert "Welcome to the tiny course." in result.output
    assert "Next: flaskcourse start 01" in result.output


def test_start_makes_the_workspace_copies_the_starter_and_says_what_next(cli, home: Path) -> None:
    result = cli("start", "1")
    assert result.exit_code == 0, result.output
    assert (home / ".flaskcourse").is_dir()
    assert (home / "01-greet/app.py").read_text() == (TINY / "exercises/01-greet/app.py").read_text()
    assert f"Made a workspace in {home}" in result.output
    assert "Next: flaskcourse read 01" in result.output
    assert "then edit 01-greet/app.py" in result.output
    listing = cli("list").output
    assert "→  01  Greeting  started" in listing
    assert "02  Counting  not started" in listing


def test_start_never_overwrites_the_learners_file(cli, home: Path) -> None:
    cli("start", "01")
    (home / "01-greet/app.py").write_text("# my work\n")
    result = cli("start", "01")
    assert (home / "01-greet/app.py").read_text() == "# my work\n"
    assert "app.py (yours, kept as it is)" in result.output


def test_start_in_a_subfolder_uses_the_workspace_above(cli, home: Path, monkeypatch) -> None:
    cli("start", "01")
    monkeypatch.chdir(home / "01-greet")
    cli("start", "02")
    assert (home / "02-count/app.py").is_file()
    assert not (home / "01-greet/02-count").exists()


def test_flaskcourse_home_names_the_workspace(cli, home: Path, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("FLASKCOURSE_HOME", str(elsewhere))
    cli("start", "01")
    assert (elsewhere / "01-greet/app.py").is_file()
    assert not (home / "01-greet").exists()


def test_read_renders_the_lesson_text(cli) -> None:
    cli("start", "01")
    result = cli("read")
    assert result.exit_code == 0
    assert "Greeting" in result.output
    assert "@app.get" in result.output


def test_hint_gives_the_next_hint_each_time(cli) -> None:
    cli("start", "01")
    outputs = [cli("hint").output for _ in range(4)]
    assert "Hint 1 of 3" in outputs[0] and "Read request.args." in outputs[0]
    assert "Run `flaskcourse hint 01` again for a stronger one." in outputs[0]
    assert "Hint 2 of 3" in outputs[1]
    assert "Hint 3 of 3" in outputs[2]
    assert "There are no more hints. `flaskcourse solution 01 --diff`" in outputs[2]
    assert "That was the last hint for lesson 01; here it is again." not in outputs[2]
    assert "That was the last hint for lesson 01; here it is again." in outputs[3]
    assert "Hint 3 of 3" in outputs[3] and "There are no more hints." in outputs[3]


def test_check_in_the_lesson_folder_fails_on_the_starter(cli, home: Path, monkeypatch) -> None:
    cli("start", "01")
    monkeypatch.chdir(home / "01-greet")
    result = cli("check")
    assert result.exit_code == 1
    assert " ✗ greets Ada by name\n ✗ a missing name gives 400 naming the parameter\n" in result.output
    assert "request   GET /greet?name=Ada" in result.output
    assert "1 more check got this same answer (marked above): fix this one first." in result.output
    assert "expected  status 400" not in result.output
    assert "0 of 2 checks pass · 2 failed" in result.output
    every = cli("check", "--all")
    assert "expected  status 400" in every.output
    assert every.output == every.output.replace("(marked above)", "")


def test_check_passes_records_and_snapshots(cli, home: Path) -> None:
    cli("start", "01")
    pass_lesson(home)
    result = cli("check", "01")
    assert result.exit_code == 0, result.output
    assert "Lesson 01 passed!" in result.output
    assert "Next: flaskcourse next" in result.output
    assert "→  01  Greeting  passed" in cli("list").output
    snapshots = list((home / ".flaskcourse/snapshots/01-greet").iterdir())
    assert len(snapshots) == 1
    cli("check", "01")
    assert len(list((home / ".flaskcourse/snapshots/01-greet").iterdir())) == 1


def test_check_json_is_one_document(cli, home: Path) -> None:
    cli("start", "01")
    result = cli("check", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["lesson"] == "01" and data["passed"] is False
    assert data["totals"] == {"passed": 0, "failed": 2, "timeout": 0, "error": 0, "skipped": 0,
                              "not_run": 0, "total": 2}
    first = data["checks"][0]
    assert set(first) >= {"id", "name", "outcome", "message", "duration", "request", "expected", "got"}


def test_check_writes_junit(cli, home: Path) -> None:
    cli("start", "01")
    cli("check", "--junit", str(home / "out/report.xml"))
    suite = ET.parse(home / "out/report.xml").getroot()
    assert suite.tag == "testsuite"
    assert suite.get("tests") == "2" and suite.get("failures") == "2"
    failure = suite.find("testcase/failure")
    assert failure is not None and "expected: the JSON" in failure.text


def test_check_on_code_that_does_not_load_exits_2_naming_file_and_line(cli, home: Path) -> None:
    cli("start", "01")
    (home / "01-greet/app.py").write_text("from flask import Flask\napp = Flask(__name__\n")
    result = cli("check")
    assert result.exit_code == 2
    assert "app.py has a syntax error on line 2" in result.output
    assert f"{home / '01-greet/app.py'}:2" in result.output
    data = json.loads(cli("check", "--json").stdout)
    assert data["load_error"]["line"] == 2


def test_unknown_lesson_is_exit_2_with_the_known_ids(cli) -> None:
    result = cli("start", "42")
    assert result.exit_code == 2
    assert "There is no lesson '42' in this course." in result.output
    assert "The lessons are 01, 02." in result.output


def test_check_without_a_workspace_is_exit_2(cli) -> None:
    result = cli("check", "01")
    assert result.exit_code == 2
    assert "not inside a flaskcourse workspace" in result.output


def test_check_of_a_lesson_not_started_is_exit_2(cli) -> None:
    cli("start", "01")
    result = cli("check", "02")
    assert result.exit_code == 2
    assert "flaskcourse start 02" in result.output


def test_check_json_error_is_still_json(cli) -> None:
    result = cli("check", "07", "--json")
    assert result.exit_code == 2
    assert "not inside a flaskcourse workspace" in json.loads(result.stdout)["error"]["message"]


def test_solution_needs_a_pass_or_a_confirmation(cli, home: Path) -> None:
    cli("start", "01")
    refused = cli("solution")
    assert refused.exit_code == 2
    assert "--yes" in refused.output
    shown = cli("solution", "--yes")
    assert shown.exit_code == 0
    assert 'return {"greeting": f"Hello, {name}!"}' in shown.output
    pass_lesson(home)
    cli("check")
    assert cli("solution").exit_code == 0


def test_solution_diff_compares_with_the_learners_file(cli, home: Path) -> None:
    cli("start", "01")
    result = cli("solution", "--diff", "--yes")
    assert "--- yours/app.py" in result.output
    assert '+    return {"greeting": f"Hello, {name}!"}' in result.output


def test_reset_restores_the_starter_and_keeps_a_backup(cli, home: Path) -> None:
    cli("start", "01")
    (home / "01-greet/app.py").write_text("# my work\n")
    (home / "01-greet/notes.txt").write_text("mine\n")
    result = cli("reset", "01")
    assert result.exit_code == 0
    assert (home / "01-greet/app.py").read_text() == (TINY / "exercises/01-greet/app.py").read_text()
    assert not (home / "01-greet/notes.txt").exists()
    (backup,) = (home / ".flaskcourse/backups/01-greet").iterdir()
    assert (backup / "app.py").read_text() == "# my work\n"
    assert (backup / "notes.txt").read_text() == "mine\n"
    assert str(backup) in result.output


def test_reset_to_last_pass_brings_back_the_passing_version(cli, home: Path) -> None:
    cli("start", "01")
    refused = cli("reset", "01", "--to-last-pass")
    assert refused.exit_code == 2 and "no passing version" in refused.output
    pass_lesson(home)
    cli("check")
    (home / "01-greet/app.py").write_text("# broken later\n")
    assert cli("reset", "01", "--to-last-pass").exit_code == 0
    assert (home / "01-greet/app.py").read_text() == SOLUTION.read_text()
    assert cli("check").exit_code == 0


def test_progress_shows_the_bar_and_the_history(cli, home: Path) -> None:
    cli("start", "01")
    cli("check")
    pass_lesson(home)
    cli("check")
    result = cli("progress")
    assert "1 of 2 lessons passed" in result.output
    assert "2/2 checks pass" in result.output and "0/2 checks pass" in result.output


def test_next_walks_the_course_and_then_congratulates(cli, home: Path) -> None:
    assert "Lesson 01: Greeting" in cli("next").output
    pass_lesson(home)
    cli("check", "01")
    assert "Lesson 02: Counting" in cli("next").output
    shutil.copyfile(TINY / "solutions/02-count/app.py", home / "02-count/app.py")
    cli("check", "02")
    assert "All done with the tiny course." in cli("next").output
    assert "All done with the tiny course." in cli().output


def test_home_names_the_current_lesson_and_the_next_command(cli) -> None:
    cli("start", "01")
    result = cli()
    assert "Current lesson 01: Greeting  (started)" in result.output
    assert "Next: flaskcourse check 01" in result.output


def test_verify_checks_solutions_starters_and_variants(cli) -> None:
    result = cli("verify")
    assert result.exit_code == 0, result.output
    assert "variant wrong-status" in result.output
    assert "variant alt-factory" in result.output
    assert re.search(r"\b(\d+) of \1 hold\b", result.output), result.output


def test_a_deleted_lesson_folder_is_restored_once_the_learner_agrees(cli, home: Path) -> None:
    cli("start", "01")
    pass_lesson(home)
    cli("check")
    shutil.rmtree(home / "01-greet")
    refused = cli("check", "01")
    assert refused.exit_code == 2
    assert "The folder of lesson 01" in refused.output and "is gone" in refused.output
    asked = cli("start", "01")
    assert asked.exit_code == 2
    assert "It can be restored with your last passing version" in asked.output
    assert not (home / "01-greet").exists()
    restored = cli("start", "01", "--yes")
    assert restored.exit_code == 0, restored.output
    assert "it is back, with your last passing version" in restored.output
    assert (home / "01-greet/app.py").read_text() == SOLUTION.read_text()


def test_a_deleted_folder_never_passed_comes_back_as_the_starter(cli, home: Path) -> None:
    cli("start", "01")
    shutil.rmtree(home / "01-greet")
    assert "It can be restored with the starter files." in cli("start", "01").output
    assert "it is back, with the starter files" in cli("start", "01", "--yes").output
    assert (home / "01-greet/app.py").read_text() == (TINY / "exercises/01-greet/app.py").read_text()


def test_which_lesson_names_the_lessons_in_the_workspace(cli, home: Path) -> None:
    cli("start", "01")
    (home / ".flaskcourse/progress.sqlite3").write_text("not a database")
    result = cli("hint")
    assert result.exit_code == 2
    assert "Name one (your lessons here: 01), or run the command inside a lesson folder." in result.output



def test_list_wraps_a_long_title_in_its_column_and_crops_a_tiny_terminal(
        cli, home: Path, tmp_path: Path, monkeypatch) -> None:
    course = tmp_path / "long-titles"
    (course / "course").mkdir(parents=True)
    (course / "course/course.toml").write_text(
        'format_version = 1\n[[lessons]]\nid = "01"\nslug = "a"\n'
        'title = "A title that does not fit a narrow terminal"\n')
    monkeypatch.setenv(COURSE_ENV, str(course))
    monkeypatch.setenv("COLUMNS", "40")
    assert cli("list").output.splitlines() == [
        "  id  lesson                 status     ",
        "  01  A title that does not  not started",
        "      fit a narrow terminal             ",
    ]
    monkeypatch.setenv("COLUMNS", "20")
    lines = cli("list").output.splitlines()
    assert all(len(line) <= 20 and line.endswith("…") for line in lines), lines
