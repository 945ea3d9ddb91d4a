"""The channel from the checks' child process to the runner: one JSON object per line.

The runner passes the write end of a pipe as ``FLASKCOURSE_EVENT_FD``. Without it (checks run
by hand with plain pytest) events are dropped and pytest's own report is all there is.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

FD_ENV = "FLASKCOURSE_EVENT_FD"
OUTPUT_MARK = "\x1eflaskcourse check "
"""Begins the line written into the output before each check: the output and the events travel
on different pipes, so only a mark in the output itself says exactly which check printed what."""


class EventWriter:
    """Writes events to the fd named in the environment, read when first needed: the plugin
    may be imported by a warm parent long before a forked child sets the variable.

    Only the process that wrote the first event writes: a copy of it forked by the learner's
    code would otherwise report the same checks a second time.
    """

    def __init__(self) -> None:
        self._pid: int | None = None

    def _fd(self) -> int | None:
        """The event pipe, if this is the check process the runner started."""
        value = os.environ.get(FD_ENV)
        if not value:
            return None
        self._pid = self._pid or os.getpid()
        return int(value) if os.getpid() == self._pid else None

    def emit(self, event: str, **data: Any) -> None:
        fd = self._fd()
        if fd is not None:
            _write_all(fd, (json.dumps({"event": event, **data}, default=str) + "\n").encode())

    def mark_output(self, nodeid: str) -> None:
        """Write the mark that begins ``nodeid``'s part of the output, after what came before."""
        if self._fd() is None:
            return
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                continue
        _write_all(1, f"{OUTPUT_MARK}{nodeid}\n".encode())


writer = EventWriter()
"""The one writer of a check process: the plugin, the test client and ``ending`` share it."""


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def decode(line: bytes) -> dict[str, Any] | None:
    """Parse one event line; None for anything that is not an event (never trust the pipe)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("event"), str) else None
