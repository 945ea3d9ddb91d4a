"""Watch mode: run the checks now, then again after every save in the lesson folder.

The folder is watched in a thread of its own while the checks run in the main thread, so a
save made during a run is seen at once: it cancels that run (its results would describe code
that is gone) and a new one starts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

WATCHED_SUFFIXES = (".py", ".html", ".jinja", ".jinja2", ".j2", ".txt", ".json", ".toml",
                    ".cfg", ".ini", ".css", ".js", ".sql")
READY_SECONDS = 10.0
WAIT_STEP = 0.1


class LessonFilter(DefaultFilter):
    """Source and template files; never caches, editor swap files or the checker's own droppings."""

    def __call__(self, change: object, path: str) -> bool:
        return super().__call__(change, path) and path.endswith(WATCHED_SUFFIXES)  # type: ignore[arg-type]


def _watch(folder: Path, saved: threading.Event, ready: threading.Event,
           stop: threading.Event, debounce_ms: int) -> None:
    for changes in watch(folder, watch_filter=LessonFilter(), stop_event=stop,
                         debounce=debounce_ms, step=20, raise_interrupt=False,
                         yield_on_timeout=True, rust_timeout=50):
        ready.set()  # the first (empty) batch comes once the watcher is in place
        if changes:
            saved.set()
    ready.set()


def watch_and_run(folder: Path, run_once: Callable[[threading.Event], None], *,
                  stop: threading.Event | None = None, debounce_ms: int = 50) -> int:
    """Call ``run_once(saved)`` at start and after each batch of saves; returns how many runs
    were started. ``saved`` is set as soon as a file is saved again: a run that sees it should
    stop, since a new one follows at once.

    The watcher is in place before the first run, so no save is lost. Ctrl-C, even in the
    middle of a run (whose child process the runner then kills), ends watching normally.
    """
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    stop = stop or threading.Event()
    saved, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(target=_watch, args=(folder, saved, ready, stop, debounce_ms),
                               name="flaskcourse-watch", daemon=True)
    watcher.start()
    runs = 0
    try:
        ready.wait(READY_SECONDS)
        while not stop.is_set():
            saved.clear()
            run_once(saved)
            runs += 1
            while not saved.is_set() and not stop.is_set():
                saved.wait(WAIT_STEP)  # short waits: Ctrl-C is seen between them
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        watcher.join(READY_SECONDS)
    return runs
