"""Watch mode re-runs on save and stops when told."""

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

    def run_once() -> None:
        runs.append(time.monotonic())
        if len(runs) == 2:
            saved.set()

    watcher = threading.Thread(target=watch_and_run, args=(tmp_path, run_once),
                               kwargs={"stop": stop})
    watcher.start()
    try:
        time.sleep(0.5)
        (tmp_path / "app.py").write_text("v2")
        assert saved.wait(10), "a save did not trigger a run"
        (tmp_path / "notes.swp").write_text("editor droppings")
        (tmp_path / "__pycache__").mkdir()
        (tmp_path / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"x")
        time.sleep(1)
        assert len(runs) == 2
    finally:
        stop.set()
        watcher.join(10)
    assert not watcher.is_alive()
