"""Case 1 and 2: learner code that never finishes. The time limit wins, even over a bare
``except BaseException``, and only the check that hung is marked as timed out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.faults.conftest import LIMIT, PAGES, Learner, app_with, line_of, patient_course

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


def test_checks_that_hang_at_the_same_line_cost_one_time_limit(tmp_path: Path) -> None:
    """Every view waits in one helper (a deadlock would look the same): the first check times
    out there, the next is found stuck there at once, and the rest are not run. The limit is
    long enough that a busy machine still finds the second check stuck well before it."""
    limit = 8
    learner = Learner(tmp_path / "machine", patient_course(tmp_path / "course", limit))
    source = app_with(head="import time\n\n\ndef wait_for_ever():\n    while True:\n"
                           "        time.sleep(1)\n\n\n")
    for page in PAGES:
        source = source.replace(f'    return "{page}"', f'    wait_for_ever()\n    return "{page}"')
    learner.start(app=source)
    stuck = f"app.py, line {line_of(source, 'time.sleep(1)')}: `time.sleep(1)`"
    ran = learner.run("check")
    assert ran.returncode == 1, ran
    assert ran.pages() == {"home": "⏱", "about": "⏱", "contact": "⏱"}
    assert " ⏱ the home page says home  (timed out)" in ran.stdout
    assert " ⏱ the about page says about  (not run)" in ran.stdout
    assert (f"request GET / timed out after {limit} s: your code did not answer (it was still "
            f"running {stuck})") in ran.said
    assert "2 more checks stopped at this same line, or were not run because of it" in ran.said
    assert "0 of 3 checks pass · 1 timed out · 2 not run" in ran.said
    report = json.loads(learner.run("check", "--json").stdout)
    home, about, contact = report["checks"]
    assert (home["outcome"], home["request"], home["stuck_at"]) == ("timeout", "GET /", stuck)
    assert (about["outcome"], about["request"], about["stuck_at"]) == ("not_run", "GET /about", stuck)
    assert (contact["outcome"], contact["request"], contact["stuck_at"]) == ("not_run", None, stuck)
