"""The channel from the checks' child process to the runner: one JSON object per line.

The runner passes the write end of a pipe as ``FLASKCOURSE_EVENT_FD``. Without it (checks run
by hand with plain pytest) events are dropped and pytest's own report is all there is.
"""

from __future__ import annotations

import json
import os
from typing import Any

FD_ENV = "FLASKCOURSE_EVENT_FD"


class EventWriter:
    """Writes events to the fd named in the environment, read when first needed: the plugin
    may be imported by a warm parent long before a forked child sets the variable.

    Only the process that wrote the first event writes: a copy of it forked by the learner's
    code would otherwise report the same checks a second time.
    """

    def __init__(self) -> None:
        self._pid: int | None = None

    def emit(self, event: str, **data: Any) -> None:
        value = os.environ.get(FD_ENV)
        if not value:
            return
        self._pid = self._pid or os.getpid()
        if os.getpid() != self._pid:
            return
        fd = int(value)
        line = (json.dumps({"event": event, **data}, default=str) + "\n").encode()
        view = memoryview(line)
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
