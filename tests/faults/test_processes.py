"""Case 5: learner code that forks, starts processes or threads that never end, or starts a
server at import time. Nothing it started may outlive the run (the fixture's marker check)."""

from __future__ import annotations

import pytest

from tests.faults.conftest import Learner, app_with, line_of

LINGERERS = {
    "forked child that sleeps forever": app_with(about="""
        import os, time
        if os.fork() == 0:
            time.sleep(3600)
    """),
    "forked copy that carries on with the checks": app_with(about="""
        import os
        os.fork()
    """),
    "thread that never ends": app_with(top="""
        import threading, time
        threading.Thread(target=time.sleep, args=(3600,)).start()
    """),
    "process that never ends": app_with(top="""
        import subprocess
        subprocess.Popen(["sleep", "3600"])
    """),
}


@pytest.mark.parametrize("runner", ["fork", "spawn"])
@pytest.mark.parametrize("source", LINGERERS.values(), ids=LINGERERS)
def test_what_the_app_leaves_running_is_ended_with_the_run(learner: Learner, source: str,
                                                           runner: str) -> None:
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check", extra_env={"FLASKCOURSE_RUNNER": runner})
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    assert ran.seconds < 20
    assert learner.snapshot() == before


def test_app_run_at_import_is_refused_with_its_line(learner: Learner) -> None:
    source = app_with(top="app.run(port=5000)")
    learner.start(app=source)
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert "app.run() was called while the checks were loading your app" in ran.said
    assert 'put it under `if __name__ == "__main__":`' in ran.said
    assert f"app.py:{line_of(source, 'app.run(')})" in ran.said
    assert ran.pages() == {}
