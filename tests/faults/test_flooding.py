"""Case 4: learner code that prints 100 MB. The output is capped and the run still reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.conftest import Learner, app_with, patient_course

FLOODS = {
    "stdout at import": app_with(top="print('x' * 100_000_000)"),
    "stderr in a view": app_with(about="import sys\nsys.stderr.write('y' * 100_000_000)"),
}


@pytest.mark.parametrize("source", FLOODS.values(), ids=FLOODS)
def test_a_flood_of_output_is_capped(tmp_path: Path, source: str) -> None:
    """Printing 100 MB takes seconds on a busy machine: the checks get a minute for it, not the
    fault course's second and a half, so only the cap is tested here."""
    learner = Learner(tmp_path / "machine", patient_course(tmp_path / "course"))
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check", "-v")
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    assert len(ran.stdout) + len(ran.stderr) < 200_000
    assert "printed more than 64 KB; the rest was not kept" in ran.said
    assert "more bytes of output were not kept" in ran.said
    assert learner.snapshot() == before
