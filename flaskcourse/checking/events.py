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
    def __init__(self) -> None:
        value = os.environ.get(FD_ENV)
        self._fd = int(value) if value else None

    def emit(self, event: str, **data: Any) -> None:
        if self._fd is None:
            return
        line = (json.dumps({"event": event, **data}, default=str) + "\n").encode()
        view = memoryview(line)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]


def decode(line: bytes) -> dict[str, Any] | None:
    """Parse one event line; None for anything that is not an event (never trust the pipe)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("event"), str) else None
