"""Mutation testing of a lesson's checks: the mutants made, and what verify makes of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from flaskcourse.errors import CourseError
from flaskcourse.mutants import Verdict, mutants_of, mutants_of_file
from flaskcourse.verify import mutation_findings, verify_mutants
from tests.conftest import TINY

SOURCE = '''\
from flask import Flask, abort

app = Flask(__name__)


@app.get("/n/<int:n>")
def show(n):
    """Docstrings are never mutated."""
    if n < 1 or n in BLOCKED:
        abort(404)
    app.config["SEEN"] = n
    return {"n": n, "ok": not False}, 200


if __name__ == "__main__":
    app.run(debug=True)
'''


def ids(source: str) -> list[str]:
    return [m.id for m in mutants_of_file("app.py", source)]


def test_each_operator_makes_its_mutants() -> None:
    made = ids(SOURCE)
    assert "app.py:show: compare `n < 1` → `n <= 1`" in made
    assert "app.py:show: compare `n in BLOCKED` → `n not in BLOCKED`" in made
    assert "app.py:show: bool `n < 1 or n in BLOCKED` → `n < 1 and n in BLOCKED`" in made
    assert "app.py:show: bool `not False` → `(False)`" in made
    assert "app.py:show: number `200` → `201`" in made and "app.py:show: number `200` → `199`" in made
    assert "app.py:show: number `False` → `True`" in made
    assert "app.py:show: drop `if n < 1 or n in BLOCKED: abort(404)` → `pass`" in made
    assert "app.py:show: drop `app.config[\"SEEN\"] = n` → `pass`" in made
    assert "app.py:<module>: decorator `@app.get(\"/n/<int:n>\")` → `(removed)`" in made


def test_each_mutant_is_one_change_that_still_parses_and_keeps_the_comments() -> None:
    source = SOURCE.replace("    return", "    # a comment stays\n    return")
    for mutant in mutants_of_file("app.py", source):
        assert "# a comment stays" in mutant.source
        changed = [a for a, b in zip(source.splitlines(), mutant.source.splitlines()) if a != b]
        assert 1 <= len(changed) <= 2 or mutant.operator in ("drop", "decorator"), mutant.id


def test_code_under_the_main_guard_and_docstrings_are_left_alone() -> None:
    made = ids(SOURCE)
    assert not any("debug" in m or "Docstrings" in m for m in made)


def test_ids_do_not_move_when_lines_are_added_above() -> None:
    shifted = "# a new first line\n\n" + SOURCE
    assert ids(shifted) == ids(SOURCE)
    lines = {m.id: m.line for m in mutants_of_file("app.py", shifted)}
    assert lines["app.py:show: number `200` → `201`"] == 14


def test_columns_are_counted_in_characters_after_non_ascii_text() -> None:
    source = 'def f(x):\n    label = "héllo wörld"; return x < 2\n'
    mutant = next(m for m in mutants_of_file("m.py", source) if m.operator == "compare")
    assert mutant.source.endswith("return x <= 2\n")


def test_a_reference_that_does_not_parse_is_the_course_s_error() -> None:
    with pytest.raises(CourseError, match="does not parse"):
        list(mutants_of_file("app.py", "def broken(:\n"))


@pytest.fixture
def weak_course(tmp_path: Path) -> Path:
    """The tiny course with a check too weak to see the status of a missing name."""
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    checks = root / "checks" / "01-greet" / "test_greet.py"
    checks.write_text(checks.read_text().replace(
        'expect(client.get("/greet")).status(400).json()',
        'assert client.get("/greet").status_code >= 400'), encoding="utf-8")
    return root


def findings_for(root: Path, lesson_id: str) -> list:
    course = load_course(root)
    [summary] = verify_mutants([course.get(lesson_id)], workers=2)
    return summary, mutation_findings(summary)


def test_every_mutant_of_a_well_checked_lesson_is_caught() -> None:
    summary, findings = findings_for(TINY, "01-greet")
    assert summary.results and not summary.holes
    assert all(r.verdict in (Verdict.KILLED, Verdict.NOT_LOADED) for r in summary.results)
    assert all(f.ok for f in findings) and summary.score == 1.0


def test_a_survivor_nobody_explains_is_a_hole(weak_course: Path) -> None:
    summary, findings = findings_for(weak_course, "01-greet")
    assert [h.mutant.id for h in summary.holes] == ["app.py:greet: number `400` → `401`"]
    bad = [f.detail for f in findings if not f.ok]
    assert any("number `400` → `401` (line 10): no check fails" in d for d in bad)


def test_equivalent_and_allowed_mutants_are_excused_but_a_wrong_excuse_is_not(weak_course: Path) -> None:
    (weak_course / "checks" / "01-greet" / "mutants.toml").write_text('''
[[allowed]]
id = "app.py:greet: number `400` → `401`"
quote = "A missing name is a 400"

[[equivalent]]
id = "app.py:greet: number `400` → `399`"
why = "listed by mistake: a check does catch this one"

[[equivalent]]
id = "app.py:greet: number `7` → `8`"
why = "there is no such mutant"
''', encoding="utf-8")
    summary, findings = findings_for(weak_course, "01-greet")
    assert not summary.holes and summary.excused("allowed") == 1
    details = [f.detail for f in findings if not f.ok]
    assert any("listed as equivalent but caught by test_missing_name_is_400" in d for d in details)
    assert any("lists app.py:greet: number `7` → `8`, which is no mutant" in d for d in details)


def test_an_allowed_mutant_must_quote_the_lesson_text(weak_course: Path) -> None:
    (weak_course / "checks" / "01-greet" / "mutants.toml").write_text('''
[[allowed]]
id = "app.py:greet: number `400` → `401`"
quote = "any 4xx status will do"
''', encoding="utf-8")
    _, findings = findings_for(weak_course, "01-greet")
    assert any('quoting "any 4xx status will do", which the lesson text does not say' in f.detail
               for f in findings if not f.ok)


def test_verify_mutants_on_the_command_line_prints_a_table_and_exits_1_for_a_hole(
        weak_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from flaskcourse.catalog import COURSE_ENV
    from flaskcourse.cli import main

    monkeypatch.setenv(COURSE_ENV, str(weak_course))
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(main, ["verify", "01", "--mutants"])
    assert result.exit_code == 1, result.output
    assert "mutants of each reference solution" in result.output
    row = next(line for line in result.output.splitlines() if line.split()[:1] == ["01"])
    assert row.split() == ["01", "6", "5", "0", "0", "0", "1", "83%"]
    monkeypatch.setenv(COURSE_ENV, str(TINY))
    assert CliRunner().invoke(main, ["verify", "01", "--mutants"]).exit_code == 0


def test_an_assert_is_dropped_like_a_guard() -> None:
    """In a lesson whose learner writes the tests, a dropped assert is the check a test forgot."""
    made = ids("def test_status(client):\n    assert client.get('/').status_code == 200\n")
    assert "app.py:test_status: drop `assert client.get('/').status_code == 200` → `pass`" in made


def test_mutants_toml_can_name_the_files_to_mutate(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    lesson = load_course(root).get("01-greet")
    (lesson.solution_dir / "tests").mkdir()
    (lesson.solution_dir / "tests" / "test_app.py").write_text(
        "def test_one():\n    assert 1 == 1\n", encoding="utf-8")
    everything = {m.file for m in mutants_of(lesson)}
    assert everything == {"app.py", "tests/test_app.py"}
    (lesson.checks_dir / "mutants.toml").write_text('files = ["tests/*.py"]\n', encoding="utf-8")
    assert {m.file for m in mutants_of(lesson)} == {"tests/test_app.py"}
    (lesson.checks_dir / "mutants.toml").write_text('files = "tests"\n', encoding="utf-8")
    with pytest.raises(CourseError, match="files must be a list"):
        mutants_of(lesson)


def test_mutants_toml_can_name_the_operators(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    lesson = load_course(root).get("01-greet")
    assert {m.operator for m in mutants_of(lesson)} > {"drop"}
    (lesson.checks_dir / "mutants.toml").write_text('operators = ["drop"]\n', encoding="utf-8")
    assert {m.operator for m in mutants_of(lesson)} == {"drop"}
    (lesson.checks_dir / "mutants.toml").write_text('operators = ["remove"]\n', encoding="utf-8")
    with pytest.raises(CourseError, match="no operator named remove"):
        mutants_of(lesson)
