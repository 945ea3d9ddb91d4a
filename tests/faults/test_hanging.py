"""Case 1 and 2: learner code that never finishes. The time limit wins, even over a bare
``except BaseException``, and only the check that hung is marked as timed out."""

from __future__ import annotations

import pytest

from tests.faults.conftest import LIMIT, Learner, app_with, line_of

HANGS = {
    "endless loop": ("while True: pass", "while True"),
    "sleep inside except BaseException": ("""
        import time
        while True:
            try:
                time.sleep(30)
            except BaseException:
                pass
    """, "time.sleep(30)"),
}


@pytest.mark.parametrize(("code", "stuck"), HANGS.values(), ids=HANGS)
def test_a_hang_at_import_is_reported_with_its_line(learner: Learner, code: str, stuck: str) -> None:
    source = app_with(top=code)
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert f"Importing app.py did not finish within {LIMIT:g} s" in ran.said
    assert f"app.py:{line_of(source, stuck)})" in ran.said
    assert ran.pages() == {}
    assert [a.load_error for a in learner.attempts()] == [True]
    assert learner.snapshot() == before


@pytest.mark.parametrize(("code", "stuck"), HANGS.values(), ids=HANGS)
def test_a_hang_in_one_view_times_out_that_check_only(learner: Learner, code: str, stuck: str) -> None:
    source = app_with(about=code)
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 1, ran
    assert ran.pages() == {"home": "✓", "about": "⏱", "contact": "✓"}
    assert f"timed out after {LIMIT:g} s" in ran.said
    assert f"app.py, line {line_of(source, stuck)}" in ran.said
    assert "2 of 3 checks pass · 1 timed out" in ran.said
    (attempt,) = learner.attempts()
    assert (attempt.n_passed, attempt.n_total, attempt.passed) == (2, 3, False)
    assert learner.snapshot() == before
