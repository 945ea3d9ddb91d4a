"""The contract ledger: every demand quoted from the text, every check in some line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from flaskcourse.checkindex import check_files
from flaskcourse.ledger import ledger_problems, normalise
from flaskcourse.verify import static_findings
from tests.conftest import TINY


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    return root


def problems(root: Path, lesson_id: str = "01") -> list[str]:
    return ledger_problems(load_course(root).get(lesson_id))


def ledger(root: Path, text: str) -> None:
    (root / "checks" / "01-greet" / "ledger.toml").write_text(text, encoding="utf-8")


def test_a_complete_ledger_has_no_problems() -> None:
    assert problems(TINY) == [] and problems(TINY, "02") == []


def test_quotes_ignore_markdown_marks_and_line_breaks() -> None:
    assert normalise("Build `GET /greet`\n  *now*") == normalise("build GET /greet now")


def test_the_checks_are_the_test_functions_of_the_check_files() -> None:
    lesson = load_course(TINY).get("01")
    assert check_files(lesson) == {name: lesson.checks_dir / "test_greet.py"
                                   for name in ("test_greets_by_name", "test_missing_name_is_400")}


def test_a_check_in_no_line_is_an_orphan(course_copy: Path) -> None:
    ledger(course_copy, '[[demand]]\nquote = "A missing name is a 400"\nchecks = ["test_missing_name_is_400"]\n')
    assert problems(course_copy) == ["checks in no ledger line: test_greets_by_name"]


def test_a_line_naming_no_real_check_is_refused(course_copy: Path) -> None:
    ledger(course_copy, '[[demand]]\nquote = "A missing name is a 400"\n'
                        'checks = ["test_missing_name_is_400", "test_greets_by_name"]\n'
                        'neighbours = ["test_name_is_trimmed"]\n')
    assert problems(course_copy) == [
        'the demand "A missing name is a 400" names test_name_is_trimmed, which is no check']


def test_a_quote_the_text_does_not_say_is_refused(course_copy: Path) -> None:
    ledger(course_copy, '[[demand]]\nquote = "A missing name is a 422"\n'
                        'checks = ["test_missing_name_is_400", "test_greets_by_name"]\n')
    assert problems(course_copy) == [
        'the ledger quotes "A missing name is a 422", which the lesson text does not say']


def test_a_lesson_without_a_ledger_fails_verify(course_copy: Path) -> None:
    (course_copy / "checks" / "01-greet" / "ledger.toml").unlink()
    [finding] = static_findings(load_course(course_copy).get("01"))
    assert not finding.ok and "no contract ledger (01-greet/ledger.toml)" in finding.detail


def test_a_variant_must_quote_the_text_it_breaks(course_copy: Path) -> None:
    from flaskcourse.verify import verify

    toml = course_copy / "tests" / "variants" / "01-greet" / "wrong-status" / "variant.toml"
    toml.write_text('breaks = "A missing name is a 418"\n' + toml.read_text(), encoding="utf-8")
    course = load_course(course_copy)
    findings = verify(course, [course.get("01")], workers=1)
    [bad] = [f for f in findings if not f.ok]
    assert bad.subject == "variant wrong-status"
    assert 'quotes "A missing name is a 418", which the lesson text does not say' in bad.detail
