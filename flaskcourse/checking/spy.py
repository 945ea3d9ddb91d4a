"""A call spy: how often the learner's code called something during one request.

Some demands show in no response: a password check that must run even for an unknown user (so
the time taken does not tell who exists), a cost setting that must reach the hash function, an
attempt that must be counted before the body is parsed. A spy wraps the real function, so the
app still works, and records each call. Start it before the app is built (``make_app`` inside the
``with``): code that did ``from bcrypt import checkpw`` then picks up the wrapper too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flaskcourse.checking.failure import fail
from flaskcourse.checking.threads import Call


class Spy:
    """The calls made through one wrapped function; ``reset()`` before the request you judge."""

    def __init__(self, owner: Any, attribute: str) -> None:
        self.owner, self.attribute = owner, attribute
        self.original = self.real = getattr(owner, attribute)
        self.calls: list[Call] = []
        self.name = f"{getattr(owner, '__name__', type(owner).__name__)}.{attribute}"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(Call(args, kwargs))
        return self.real(*args, **kwargs)

    @property
    def count(self) -> int:
        return len(self.calls)

    def reset(self) -> None:
        self.calls.clear()

    def expect_calls(self, low: int, high: int | None = None, *, request: str | None = None,
                     why: str) -> None:
        """Fail unless the number of calls since the last reset lies in [low, high]."""
        __tracebackhide__ = True
        high = low if high is None else high
        if not low <= self.count <= high:
            wanted = (f"{low}" if low == high else
                      f"at least {low}" if high >= 10**9 else f"{low} to {high}")
            fail(f"{self.name} to be called {wanted} time{'s' if wanted != '1' else ''} "
                 "while your app answered this request",
                 f"{self.count} call{'s' if self.count != 1 else ''}", request=request, help=why)


@contextmanager
def spy_on(owner: Any, attribute: str) -> Iterator[Spy]:
    """Wrap ``owner.attribute`` for the duration of the ``with``; the real one comes back after."""
    spy = Spy(owner, attribute)
    setattr(owner, attribute, spy)
    try:
        yield spy
    finally:
        setattr(owner, attribute, spy.original)
