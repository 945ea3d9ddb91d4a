"""The catalog: lessons as data, paths derived, and a broken catalog explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from flaskcourse.catalog import Course, load_course
from flaskcourse.errors import CourseError, LessonNotFound


def test_paths_follow_from_id_and_slug(tiny: Course) -> None:
    lesson = tiny.get("1")
    assert lesson.name == "01-greet"
    assert lesson.starter_dir == tiny.root / "exercises/01-greet"
    assert lesson.solution_dir == tiny.root / "solutions/01-greet"
    assert lesson.checks_dir == tiny.root / "checks/01-greet"
    assert lesson.text_path == tiny.root / "course/01-greet/README.md"
    assert lesson.variants_dir == tiny.root / "tests/variants/01-greet"
    assert tiny.get("01-greet") is lesson and tiny.get("greet") is lesson


def test_an_unknown_lesson_lists_the_known_ones(tiny: Course) -> None:
    with pytest.raises(LessonNotFound) as caught:
        tiny.get("99")
    assert caught.value.exit_code == 2
    assert "01, 02" in caught.value.hint


def test_lessons_keep_catalog_order(tiny: Course) -> None:
    assert tiny.ids == ("01", "02")
    assert [lesson.id for lesson in tiny.lessons] == ["01", "02"]


def test_serve_path_defaults_to_the_root_and_must_be_a_path(tiny: Course, tmp_path: Path) -> None:
    assert tiny.get("01").serve_path == "/greet?name=Ada"
    assert tiny.get("02").serve_path == "/"
    (tmp_path / "course").mkdir()
    (tmp_path / "course/course.toml").write_text(
        "format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\nserve_path='greet'\n")
    with pytest.raises(CourseError) as caught:
        load_course(tmp_path)
    assert "serve_path must start with / (got 'greet')" in caught.value.message


@pytest.mark.parametrize(("catalog", "message"), [
    ("format_version = 9\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\n", "format_version 9"),
    ("format_version = 1\n", "lists no lessons"),
    ("format_version = 1\n[[lessons]]\nid='1'\nslug='a'\ntitle='A'\n", "two digits"),
    ("format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\n"
     "[[lessons]]\nid='01'\nslug='b'\ntitle='B'\n", "appears twice"),
    ("format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\ntime_limit=-1\n", "time_limit"),
    ("format_version = = 1", "cannot be read"),
])
def test_a_broken_catalog_is_a_course_error(tmp_path: Path, catalog: str, message: str) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course/course.toml").write_text(catalog)
    with pytest.raises(CourseError) as caught:
        load_course(tmp_path)
    assert message in caught.value.message


def test_a_missing_catalog_says_to_reinstall(tmp_path: Path) -> None:
    with pytest.raises(CourseError) as caught:
        load_course(tmp_path)
    assert "Reinstall" in caught.value.hint
