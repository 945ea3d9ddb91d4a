"""Where the learner's code was when a check process ended early, so the message can name the
file and line: the line it was stuck on when the time limit ran out, or the call with which it
ended its own process.

Before killing a check that ran out of time, the runner sends ``ASK``; the handler runs in the
main thread between two bytecodes (even inside ``except BaseException``, which it never raises
into) and reports the innermost frame of the learner's code. ``os._exit``, ``os.abort`` and an
``os.kill`` of the process itself report their line before they run. Code stuck inside one C
call cannot answer; the runner then ends it without a line.
"""

from __future__ import annotations

import linecache
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from flaskcourse.checking import learner
from flaskcourse.checking.events import EventWriter

ASK = signal.SIGUSR1
CODE_SHOWN = 80


def _learner_frame(frame: FrameType | None) -> FrameType | None:
    while frame is not None and not learner.is_learner_file(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def _report(events: EventWriter, frame: FrameType | None, call: str | None = None) -> None:
    """Emit ``where``: the learner's file, line and code there (all None when the learner's
    code is not on the stack), and the call that ends the process, if it is one."""
    found = _learner_frame(frame)
    where: dict[str, Any] = {"file": None, "line": None, "code": None, "call": call}
    if found is not None:
        filename, line = found.f_code.co_filename, found.f_lineno
        where.update(file=learner.show_path(filename), line=line,
                     code=linecache.getline(filename, line).strip()[:CODE_SHOWN] or None)
    events.emit("where", **where)


def _own(pid: int) -> bool:
    return pid in (0, os.getpid()) or pid == -os.getpgid(0)


def install(events: EventWriter) -> None:
    """Answer the runner's question, and have process-ending calls say where they came from."""
    signal.signal(ASK, lambda _signum, frame: _report(events, frame))
    real_exit, real_abort, real_kill = os._exit, os.abort, os.kill

    def reporting(call: str, real: Callable[..., Any],
                  ends: Callable[..., bool] = lambda *_: True) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            caller = sys._getframe(1)
            if ends(*args) and _learner_frame(caller) is not None:
                _report(events, caller, call)
            return real(*args)
        return wrapper

    os._exit = reporting("os._exit()", real_exit)
    os.abort = reporting("os.abort()", real_abort)
    os.kill = reporting("os.kill()", real_kill, lambda pid, *_: _own(pid))
