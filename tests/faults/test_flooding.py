"""Case 4: learner code that prints 100 MB. The output is capped and the run still reports."""

from __future__ import annotations

import pytest

from tests.faults.conftest import Learner, app_with

FLOODS = {
    "stdout at import": app_with(top="print('x' * 100_000_000)"),
    "stderr in a view": app_with(about="import sys\nsys.stderr.write('y' * 100_000_000)"),
}


@pytest.mark.parametrize("source", FLOODS.values(), ids=FLOODS)
def test_a_flood_of_output_is_capped(learner: Learner, source: str) -> None:
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check", "-v")
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    assert len(ran.stdout) + len(ran.stderr) < 200_000
    assert "printed more than 64 KB; the rest was not kept" in ran.said
    assert "more bytes of output were not kept" in ran.said
    assert learner.snapshot() == before
