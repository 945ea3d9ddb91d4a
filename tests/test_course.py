"""The real course: every lesson's solution passes, its starter fails, its variants behave.

This is `flaskcourse verify` run lesson by lesson, so a failure names the lesson.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from flaskcourse.errors import CourseError
from flaskcourse.verify import (
    load_variant,
    build_variant,
    load_variants,
    mutation_findings,
    verify,
    verify_mutants,
)
from tests.conftest import REPO, TINY

COURSE = load_course(REPO)


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", COURSE.ids)
def test_lesson_verifies(lesson_id: str) -> None:
    lesson = COURSE.get(lesson_id)
    findings = verify(COURSE, [lesson], workers=2)
    bad = [f"{f.subject}: {f.detail}" for f in findings if not f.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", COURSE.ids)
def test_every_mutant_a_client_could_notice_is_caught(lesson_id: str) -> None:
    """`verify --mutants` for one lesson: no survivor without a reason in its mutants.toml."""
    [summary] = verify_mutants([COURSE.get(lesson_id)], workers=2)
    bad = [f"{f.subject}: {f.detail}" for f in mutation_findings(summary) if not f.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lesson_id", COURSE.ids)
def test_lesson_has_enough_variants(lesson_id: str) -> None:
    """At least 12 wrong variants written without sight of the checks (blind-*, or redteam-*
    written from the text alone), and at least 3 correct alternatives in other styles."""
    variants = load_variants(COURSE.get(lesson_id))
    blind = [v for v in variants if not v.should_pass and v.name.startswith(("blind-", "redteam-"))]
    assert len(blind) >= 12, [v.name for v in blind]
    assert all(v.breaks for v in blind), "every blind variant quotes the sentence it breaks"
    assert sum(v.should_pass for v in variants) >= 3


def test_adding_a_lesson_is_adding_folders_and_an_entry(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "course-plus-one"
    shutil.copytree(TINY, root)
    for tree in ("course", "exercises", "solutions", "checks", "tests/variants"):
        shutil.copytree(root / tree / "01-greet", root / tree / "03-greet-again")
    with (root / "course/course.toml").open("a") as catalog:
        catalog.write('\n[[lessons]]\nid = "03"\nslug = "greet-again"\ntitle = "Greeting again"\n'
                      'hints = ["one", "two", "three"]\n')
    course = load_course(root)
    assert course.ids == ("01", "02", "03")
    findings = verify(course, [course.get("03")], workers=2)
    assert all(f.ok for f in findings), findings


def test_next_walks_a_learner_through_every_lesson_in_order(tmp_path: Path, monkeypatch) -> None:
    from flaskcourse import actions
    from flaskcourse.progress import Progress
    from flaskcourse.report import CheckResult, LessonReport, Outcome

    monkeypatch.delenv("FLASKCOURSE_HOME", raising=False)
    ctx = actions.Context(course=COURSE, cwd=tmp_path)
    walked = []
    while (started := actions.next_lesson(ctx)) is not None:
        lesson = started.lesson
        walked.append(lesson.id)
        assert (tmp_path / lesson.name / "app.py").is_file()
        progress = Progress.open(started.workspace.database)
        progress.record(LessonReport(lesson.id, lesson.slug, lesson.title,
                                     (CheckResult("c", "c", Outcome.PASSED),)))
        progress.close()
    assert walked == list(COURSE.ids)


@pytest.mark.parametrize(("base", "kept"), [("solution", "solution"), ("starter", "starter"),
                                            ("none", None)])
def test_a_variant_starts_from_its_base(tmp_path: Path, base: str, kept: str | None) -> None:
    """A variant's files go over the reference, the starter (where the learner writes only
    tests/ beside a finished app) or nothing."""
    lesson = COURSE.get("01")
    folder = tmp_path / "variant"
    (folder / "tests").mkdir(parents=True)
    (folder / "variant.toml").write_text(f'expect = "pass"\nbase = "{base}"\n')
    (folder / "tests" / "test_mine.py").write_text("def test_mine():\n    assert True\n")
    variant = load_variant(lesson, folder)
    target = tmp_path / "built"
    build_variant(variant, target)
    assert (target / "tests" / "test_mine.py").is_file()
    assert not (target / "variant.toml").exists()
    sources = {"solution": lesson.solution_dir, "starter": lesson.starter_dir}
    if kept is None:
        assert not (target / "app.py").exists()
    else:
        assert (target / "app.py").read_bytes() == (sources[kept] / "app.py").read_bytes()


def test_an_unknown_base_is_a_malformed_variant(tmp_path: Path) -> None:
    (tmp_path / "variant.toml").write_text('expect = "pass"\nbase = "reference"\n')
    with pytest.raises(CourseError, match="base must be one of 'solution', 'starter', 'none'"):
        load_variant(COURSE.get("01"), tmp_path)
