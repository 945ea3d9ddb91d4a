"""Watch mode: run the checks now, then again after every save in the lesson folder."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

WATCHED_SUFFIXES = (".py", ".html", ".jinja", ".jinja2", ".j2", ".txt", ".json", ".toml",
                    ".cfg", ".ini", ".css", ".js", ".sql")


class LessonFilter(DefaultFilter):
    """Source and template files; never caches, editor swap files or the checker's own droppings."""

    def __call__(self, change: object, path: str) -> bool:
        return super().__call__(change, path) and path.endswith(WATCHED_SUFFIXES)  # type: ignore[arg-type]


def watch_and_run(folder: Path, run_once: Callable[[], None], *,
                  stop: threading.Event | None = None, debounce_ms: int = 50) -> int:
    """Call ``run_once`` at start and after each batch of saves; returns how many runs there were.

    The watcher is started before the first run, so a save made while checks are running is
    seen and triggers the next run instead of being lost. Ctrl-C, even in the middle of a run
    (whose child process the runner then kills), ends watching normally.
    """
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    runs = 0
    try:
        for changes in watch(folder, watch_filter=LessonFilter(), stop_event=stop,
                             debounce=debounce_ms, step=20, raise_interrupt=False,
                             yield_on_timeout=True, rust_timeout=50):
            if changes or runs == 0:
                run_once()
                runs += 1
    except KeyboardInterrupt:
        pass
    return runs
