"""Grading a class: every submission checked as `check` checks one, scored with the catalog's
points, written out as CSV, JSON and JUnit XML, and nothing in the submissions changed."""

from __future__ import annotations

import csv
import json
import os
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from flaskcourse.catalog import Course, load_course
from flaskcourse.errors import CourseError
from flaskcourse.files import tree_digest
from flaskcourse.grading import Column, Graded, Roster, columns_for, grade
from flaskcourse.report import Outcome
from flaskcourse.roster import to_dict, write_csv, write_junit_dir
from flaskcourse.submissions import Submission, find_submissions
from tests.conftest import TINY, write
from tests.terminal import Terminal

GOOD = (TINY / "solutions/01-greet/app.py").read_text()
STARTER = (TINY / "exercises/01-greet/app.py").read_text()
IDS = ["test_greets_by_name", "test_missing_name_is_400"]


def a_class(root: Path) -> Path:
    """Six learners: right, the starter, zipped, misnamed, hanging at import, flooding."""
    class_ = root / "class"
    write(class_ / "ada", {"app.py": GOOD})
    write(class_ / "bob", {"app.py": STARTER})
    with zipfile.ZipFile(class_ / "cy.zip", "w") as archive:
        archive.writestr("01-greet/app.py", GOOD)
    write(class_ / "dee", {"main.py": GOOD})
    write(class_ / "eve", {"app.py": "while True:\n    pass\n"})
    write(class_ / "fay", {"app.py": GOOD.replace(
        "    if not name:", "    for _ in range(3000):\n        print('x' * 100)\n    if not name:")})
    return class_


def with_points(tmp_path: Path, points: str) -> Course:
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    catalog = root / "course/course.toml"
    catalog.write_text(catalog.read_text().replace('serve_path = "/greet?name=Ada"',
                                                   f'serve_path = "/greet?name=Ada"\npoints = {points}'))
    return load_course(root)


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Roster:
    root = tmp_path_factory.mktemp("grading")
    class_ = a_class(root)
    before = {p: (tree_digest(p) if p.is_dir() else p.read_bytes(), p.stat().st_mtime_ns)
              for p in class_.iterdir()}
    course = with_points(root, "{ test_missing_name_is_400 = 3 }")
    lesson = course.get("01")
    found, _ = find_submissions(lesson, [class_])
    heard: list[str] = []
    graded = grade(lesson, found, jobs=3, on_graded=lambda row: heard.append(row.learner))
    assert sorted(heard) == ["ada", "bob", "cy", "dee", "eve", "fay"]
    after = {p: (tree_digest(p) if p.is_dir() else p.read_bytes(), p.stat().st_mtime_ns)
             for p in class_.iterdir()}
    assert after == before, "grading changed a submission"
    return graded


@pytest.mark.slow
def test_columns_follow_the_lessons_check_ids_with_their_points(roster: Roster) -> None:
    assert roster.columns == (Column("test_greets_by_name", "greets Ada by name", 1.0),
                              Column("test_missing_name_is_400",
                                     "a missing name gives 400 naming the parameter", 3.0))
    assert roster.max_score == 4


@pytest.mark.slow
def test_each_learner_is_one_row_in_the_order_named(roster: Roster) -> None:
    rows = {row.learner: row for row in roster.rows}
    assert [row.learner for row in roster.rows] == ["ada", "bob", "cy", "dee", "eve", "fay"]
    assert (rows["ada"].score, rows["ada"].passed, rows["ada"].note) == (4, 2, "")
    assert rows["bob"].outcomes == dict.fromkeys(IDS, Outcome.FAILED) and rows["bob"].score == 0
    assert rows["cy"].score == 4, "a zipped submission is unpacked and graded"


@pytest.mark.slow
def test_a_submission_that_cannot_be_graded_is_a_row_with_its_reason(roster: Roster) -> None:
    dee = next(row for row in roster.rows if row.learner == "dee")
    assert dee.report is None and dee.score == 0 and not dee.complete
    assert dee.note.startswith("not graded: no app.py in dee, which holds main.py: the checks")
    assert not roster.complete


@pytest.mark.slow
def test_hanging_and_flooding_submissions_cost_themselves_only(roster: Roster) -> None:
    rows = {row.learner: row for row in roster.rows}
    assert rows["eve"].note.startswith("did not load: Importing app.py did not finish within 3 s")
    assert rows["eve"].outcomes == {}
    assert rows["fay"].score == 4
    assert rows["fay"].note == "Your code printed more than 64 KB; the rest was not kept."


@pytest.mark.slow
def test_csv_has_a_row_per_learner_and_a_column_per_check(roster: Roster, tmp_path: Path) -> None:
    write_csv(roster, tmp_path / "roster.csv")
    with (tmp_path / "roster.csv").open(newline="") as opened:
        rows = list(csv.DictReader(opened))
    assert list(rows[0]) == ["learner", "passed", "total", "score", "max_score", "note", *IDS]
    assert rows[0] == {"learner": "ada", "passed": "2", "total": "2", "score": "4",
                       "max_score": "4", "note": "", "test_greets_by_name": "passed",
                       "test_missing_name_is_400": "passed"}
    assert rows[1]["test_missing_name_is_400"] == "failed"
    assert rows[3]["test_greets_by_name"] == "" and rows[3]["score"] == "0"


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path: Path) -> None:
    lesson = load_course(TINY).get("01")
    row = Graded(Submission("=HYPERLINK(\"x\")", tmp_path), None, "-bad")
    write_csv(Roster(lesson, columns_for(lesson), (row,)), tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text()
    assert "'=HYPERLINK" in text and "not graded: -bad" in text


@pytest.mark.slow
def test_json_holds_every_checks_result(roster: Roster) -> None:
    data = json.loads(json.dumps(to_dict(roster)))
    assert data["lesson"] == "01" and data["max_score"] == 4 and data["complete"] is False
    assert [c["passed_by"] for c in data["checks"]] == [3, 3]
    bob = data["submissions"][1]
    assert bob["checks"] == dict.fromkeys(IDS, "failed")
    assert bob["report"]["checks"][1]["expected"] == "status 400"
    assert data["submissions"][3]["report"] is None and data["submissions"][3]["refused"]


@pytest.mark.slow
def test_junit_is_one_file_per_learner(roster: Roster, tmp_path: Path) -> None:
    written = write_junit_dir(roster, tmp_path / "junit")
    assert [p.name for p in written] == ["ada.xml", "bob.xml", "cy.xml", "dee.xml", "eve.xml",
                                         "fay.xml"]
    bob = ET.parse(tmp_path / "junit/bob.xml").getroot()
    assert bob.get("name") == "flaskcourse.01-greet.bob" and bob.get("failures") == "2"
    dee = ET.parse(tmp_path / "junit/dee.xml").getroot()
    assert dee.find("testcase/error").get("message").startswith("not graded: no app.py")


def test_points_that_name_no_check_are_a_course_error(tmp_path: Path) -> None:
    course = with_points(tmp_path, "{ test_greets_by_nam = 2 }")
    with pytest.raises(CourseError) as caught:
        columns_for(course.get("01"))
    assert "The catalog gives points to test_greets_by_nam, which lesson 01 has no check" \
        in caught.value.message


@pytest.mark.parametrize("points", ["3", "{ test_greets_by_name = -1 }",
                                    "{ test_greets_by_name = 'two' }",
                                    "{ test_greets_by_name = true }",
                                    "{ test_greets_by_name = inf }"])
def test_points_must_be_a_table_of_numbers(tmp_path: Path, points: str) -> None:
    with pytest.raises(CourseError, match="points must be a table of check ids"):
        with_points(tmp_path, points)


def test_grade_prints_a_roster_and_exits_0_when_every_submission_was_graded(cli, home: Path) -> None:
    write(home / "class/ada", {"app.py": GOOD})
    write(home / "class/bob", {"app.py": STARTER})
    result = cli("grade", "01", "class", "--jobs", "2", "--csv", "out/roster.csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Lesson 01: Greeting  (2 checks, 2 points)"
    assert any(line.split()[:4] == ["ada", "2/2", "2/2", "✓✓"] for line in lines)
    assert any(line.split()[:4] == ["bob", "0/2", "0/2", "✗✗"] for line in lines)
    assert "2 submissions in " in result.stdout and "mean score 1 of 2" in result.stdout
    assert "graded 2 of 2: " in result.stderr, "plain progress lines when not at a terminal"
    assert f"CSV written to {home / 'out/roster.csv'} (the folder {home / 'out'} was made for it)" \
        in result.stderr
    assert (home / "out/roster.csv").read_text().count("\n") == 3


def test_grade_exits_1_when_a_submission_could_not_be_graded(cli, home: Path) -> None:
    write(home / "class/ada", {"app.py": GOOD})
    write(home / "class/dee", {"App.py": GOOD})
    result = cli("grade", "01", "class", "--json", "roster.json", "--junit-dir", "junit")
    assert result.exit_code == 1
    assert "not graded: no app.py" in result.stdout and "1 not graded" in result.stdout
    assert json.loads((home / "roster.json").read_text())["complete"] is False
    assert sorted(p.name for p in (home / "junit").iterdir()) == ["ada.xml", "dee.xml"]


@pytest.mark.parametrize(("args", "message"), [
    (["99", "."], "There is no lesson '99' in this course."),
    (["01", "empty"], "holds no submission (it is empty)"),
    (["01", "missing"], "missing does not exist."),
    (["01"], "Missing argument 'SUBMISSION...'"),
])
def test_grade_without_anything_to_grade_is_a_usage_problem(cli, home: Path, args: list[str],
                                                            message: str) -> None:
    (home / "empty").mkdir()
    result = cli("grade", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_grade_says_when_a_result_file_cannot_be_written(cli, home: Path) -> None:
    write(home / "class/ada", {"app.py": GOOD})
    (home / "taken").write_text("a file, not a folder")
    result = cli("grade", "01", "class", "--csv", "taken/roster.csv")
    assert result.exit_code == 2
    assert "Cannot write" in result.stderr and "roster.csv" in result.stderr
    assert "ada" in result.stdout, "the roster is shown before the file fails"


@pytest.mark.slow
def test_at_a_terminal_grade_draws_a_progress_bar_with_the_time_left(tmp_path: Path) -> None:
    for learner in ("ada", "bob", "cy"):
        write(tmp_path / "class" / learner, {"app.py": GOOD})
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASKCOURSE_")}
    terminal = Terminal(["grade", "01", "class", "--jobs", "1"], cwd=tmp_path,
                        env={**env, "FLASKCOURSE_COURSE_DIR": str(TINY)})
    terminal.expect("left")
    assert terminal.wait() == 0
    screen = terminal.seen
    assert "grading" in screen and "graded 1 of 3" not in screen
    assert "3 submissions in " in screen


def test_verify_reports_points_that_name_no_check(tmp_path: Path) -> None:
    from flaskcourse.verify import static_findings

    (finding,) = static_findings(with_points(tmp_path, "{ test_gone = 2 }").get("01"))
    assert not finding.ok
    assert "points given to checks the lesson does not have: test_gone" in finding.detail
