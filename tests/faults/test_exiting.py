"""Case 3: learner code that ends its own process, at import or in a view."""

from __future__ import annotations

import pytest

from tests.faults.conftest import Learner, app_with, line_of

EXITS = {
    "sys.exit(0)": ("import sys\nsys.exit(0)", "sys.exit(0)"),
    "os._exit(0)": ("import os\nos._exit(0)", "os._exit(0)"),
    "os.kill(own pid, 9)": ("import os\nos.kill(os.getpid(), 9)", "os.kill(os.getpid(), 9)"),
}


@pytest.mark.parametrize(("code", "call"), EXITS.values(), ids=EXITS)
def test_ending_the_process_at_import_is_a_load_error(learner: Learner, code: str, call: str) -> None:
    source = app_with(top=code)
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert "Importing app.py ended the process" in ran.said
    assert call in ran.said
    assert f"app.py:{line_of(source, call)})" in ran.said
    assert ran.pages() == {}
    assert learner.snapshot() == before


@pytest.mark.parametrize(("code", "call"), EXITS.values(), ids=EXITS)
def test_ending_the_process_in_a_view_fails_that_check_only(learner: Learner, code: str,
                                                            call: str) -> None:
    source = app_with(about=code)
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 1, ran
    assert ran.pages() == {"home": "✓", "about": "✗", "contact": "✓"}
    assert call in ran.said
    assert f"app.py, line {line_of(source, call)}" in ran.said
    assert "2 of 3 checks pass · 1 failed" in ran.said
    assert learner.snapshot() == before
