"""What the warm runner imports before it forks: the course's libraries, never the learner's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flaskcourse.catalog import Course, load_course
from flaskcourse.preload import modules_for, preload

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(REPO)


def test_a_lesson_on_sqlalchemy_preloads_it(course: Course) -> None:
    assert {"flask", "flask_sqlalchemy", "sqlalchemy.exc"} <= set(modules_for(course.get("02")))


def test_the_lesson_own_modules_are_never_preloaded(course: Course) -> None:
    lesson = course.get("02")
    assert (lesson.solution_dir / "models.py").is_file()
    assert not {"models", "conftest"} & set(modules_for(lesson))


def test_libraries_behind_plugin_fixtures_are_preloaded(course: Course) -> None:
    assert {"responses", "freezegun"} <= set(modules_for(course.get("05")))
    assert "freezegun" not in modules_for(course.get("04"))


def test_a_module_that_fails_to_import_is_left_for_the_run(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "explodes_on_import.py").write_text("raise RuntimeError('boom')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    preload(("explodes_on_import", "json"))
    assert "explodes_on_import" not in sys.modules
    assert "json" in sys.modules
