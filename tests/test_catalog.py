"""The catalog: lessons as data, paths derived, and a broken catalog explained."""

from __future__ import annotations

import shutil
import sys
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
    ("format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\nserve_prepare='db upgrade'\n",
     "`serve_prepare` must be a list"),
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


def test_what_the_learner_edits_defaults_to_app_py(tmp_path: Path) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course/course.toml").write_text(
        "format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='A'\n"
        "[[lessons]]\nid='02'\nslug='b'\ntitle='B'\nedit='tests/'\n")
    course = load_course(tmp_path)
    assert course.get("01").edit == "app.py" and course.get("02").edit == "tests/"


CATALOG = "format_version = 1\n[[lessons]]\nid='01'\nslug='a'\ntitle='{title}'\n"


def _catalog(root: Path, title: str) -> Path:
    (root / "course").mkdir(exist_ok=True)
    path = root / "course/course.toml"
    path.write_text(CATALOG.format(title=title))
    return path


def test_the_parsed_catalog_is_kept_beside_it_and_used_for_that_very_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    _catalog(tmp_path, "Alpha")
    assert load_course(tmp_path).get("01").title == "Alpha"
    assert len(list((tmp_path / "course/__pycache__").glob("course.toml.*.marshal"))) == 1
    monkeypatch.setitem(sys.modules, "tomllib", None)  # parsing again would fail now
    assert load_course(tmp_path).get("01").title == "Alpha"
    monkeypatch.delitem(sys.modules, "tomllib")
    _catalog(tmp_path, "Omega")  # the same size, and maybe the same second: only the text tells
    assert load_course(tmp_path).get("01").title == "Omega"


def test_a_damaged_or_unwritable_cache_only_costs_a_parse(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    _catalog(tmp_path, "Alpha")
    load_course(tmp_path)
    for cache in (tmp_path / "course/__pycache__").iterdir():
        cache.write_bytes(b"\x00 not a marshal dump")
    assert load_course(tmp_path).get("01").title == "Alpha"
    shutil.rmtree(tmp_path / "course/__pycache__")
    (tmp_path / "course/__pycache__").write_text("a file where the folder would go")
    assert load_course(tmp_path).get("01").title == "Alpha"


def test_no_cache_is_written_where_python_writes_no_bytecode(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _catalog(tmp_path, "Alpha")
    assert load_course(tmp_path).get("01").title == "Alpha"
    assert not (tmp_path / "course/__pycache__").exists()
