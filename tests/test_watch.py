"""Watch mode re-runs on save, cancels a run that a newer save makes stale, and stops when told."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flaskcourse.watch import watch_and_run


def test_runs_at_start_and_again_after_a_save(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("v1")
    runs: list[float] = []
    stop = threading.Event()
    saved = threading.Event()

    def run_once(_saved: threading.Event) -> None:
        runs.append(time.monotonic())
        if len(runs) == 2:
            saved.set()

    watcher = threading.Thread(target=watch_and_run, args=(tmp_path, run_once),
                               kwargs={"stop": stop})
    watcher.start()
    try:
        time.sleep(0.5)
        (tmp_path / "app.py").write_text("v2")
        assert saved.wait(30), "a save did not trigger a run"
        (tmp_path / "notes.swp").write_text("editor droppings")
        (tmp_path / "__pycache__").mkdir()
        (tmp_path / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"x")
        time.sleep(1)
        assert len(runs) == 2
    finally:
        stop.set()
        watcher.join(30)
    assert not watcher.is_alive()


def test_a_save_during_a_run_cancels_it_and_starts_another(tmp_path: Path) -> None:
    """The first run waits (as a hung check would) until it is told a newer save came."""
    (tmp_path / "app.py").write_text("v1")
    stop = threading.Event()
    first_running, second_ran = threading.Event(), threading.Event()
    ended: list[str] = []

    def run_once(saved: threading.Event) -> None:
        if not ended:
            first_running.set()
            ended.append("cancelled" if saved.wait(60) else "ran to its end")
        else:
            ended.append("second")
            second_ran.set()

    watcher = threading.Thread(target=watch_and_run, args=(tmp_path, run_once),
                               kwargs={"stop": stop})
    watcher.start()
    try:
        assert first_running.wait(30)
        (tmp_path / "app.py").write_text("v2")
        assert second_ran.wait(30), "the save did not start a new run"
    finally:
        stop.set()
        watcher.join(30)
    assert ended == ["cancelled", "second"]
