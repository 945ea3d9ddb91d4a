"""Case 9: learner code that allocates without bound meets the memory limit (2 GiB of address
space) and is told so in plain words, with its line. (``bytes(n)`` takes address space at once
but touches no page, so the limit is reached in a moment, without using the machine's memory.)"""

from __future__ import annotations

from tests.faults.conftest import Learner, app_with, line_of

GROW = """
chunks = []
while True:
    chunks.append(bytes(100_000_000))
"""


def test_unbounded_memory_at_import(learner: Learner) -> None:
    source = app_with(top=GROW)
    learner.start(app=source)
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert "ran out of memory" in ran.said
    assert f"app.py:{line_of(source, 'chunks.append')})" in ran.said
    assert ran.pages() == {}


def test_unbounded_memory_in_a_view(learner: Learner) -> None:
    source = app_with(about=GROW)
    learner.start(app=source)
    ran = learner.run("check")
    assert ran.returncode == 1, ran
    assert ran.pages() == {"home": "✓", "about": "✗", "contact": "✓"}
    assert "ran out of memory" in ran.said
    assert f"app.py, line {line_of(source, 'chunks.append')}" in ran.said
