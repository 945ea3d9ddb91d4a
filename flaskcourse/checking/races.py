"""A deterministic race: hold one request between its look and its set while another runs.

"Look, then set, as one step" cannot be shown by sending requests one after another. The driver
wraps a function the learner's code calls between looking at shared state and changing it (the
``pause_in`` point), runs the first request in a thread, and when that thread reaches the point
it waits there until the second request has run to its end. Code that holds a lock across look
and set makes the second request wait for the first instead (the hold then ends after ``wait``
seconds), so it gets the right answer; code that does not lets both see the old state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flaskcourse.checking.spy import spy_on


@dataclass
class RaceResult:
    first: Any
    second: Any
    held: bool  # False: the first request never reached the pause point


def interleave(first: Callable[[], Any], second: Callable[[], Any], *,
               pause_in: tuple[Any, str], after_calls: int = 1, wait: float = 1.0) -> RaceResult:
    """Run ``first`` until it has called ``pause_in`` ``after_calls`` times, then run ``second``
    to its end (at most ``wait`` seconds) before letting ``first`` return from that call."""
    owner, attribute = pause_in
    first_thread: list[int] = []
    reached, second_done = threading.Event(), threading.Event()
    seen = [0]
    results: dict[str, Any] = {}

    with spy_on(owner, attribute) as spy:
        real = spy.real

        def pausing(*args: Any, **kwargs: Any) -> Any:
            value = real(*args, **kwargs)
            if first_thread and threading.get_ident() == first_thread[0] and not reached.is_set():
                seen[0] += 1
                if seen[0] >= after_calls:
                    reached.set()
                    second_done.wait(wait)
            return value

        spy.real = pausing

        def run(name: str, job: Callable[[], Any]) -> None:
            if name == "first":
                first_thread.append(threading.get_ident())
            try:
                results[name] = job()
            except BaseException as exc:  # shown to the check, which decides
                results[name] = exc
            finally:
                if name == "first":
                    reached.set()
                else:
                    second_done.set()

        one = threading.Thread(target=run, args=("first", first), name="race-first", daemon=True)
        one.start()
        reached.wait(wait * 5)
        held = seen[0] >= after_calls
        two = threading.Thread(target=run, args=("second", second), name="race-second", daemon=True)
        two.start()
        two.join(wait * 5)
        one.join(wait * 5)
    return RaceResult(results.get("first"), results.get("second"), held)
