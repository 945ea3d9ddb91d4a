"""Checks of code that works in background threads: record calls, wait with a bound, and
explain an exception that escaped a learner's thread instead of letting it vanish."""

from __future__ import annotations

import threading
from time import monotonic as _monotonic  # bound at import: a check may spy on time.monotonic
from typing import Any

from flaskcourse.checking.learner import describe_exception


class Call:
    """One call of a recorder: its arguments, when it happened and in which thread."""

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.args = args
        self.kwargs = kwargs
        self.at = _monotonic()
        self.thread_id = threading.get_ident()
        self.thread_name = threading.current_thread().name

    def argument(self, name: str) -> Any:
        """The keyword ``name``, else the only positional argument, else None."""
        if name in self.kwargs:
            return self.kwargs[name]
        if len(self.args) == 1 and not self.kwargs:
            return self.args[0]
        return None

    def shown(self, called: str = "call") -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{called}({', '.join(parts)})"


class Recorder:
    """A callable to hand to the learner's app (a notifier, a sender); thread-safe, and a check
    can wait for the n-th call with a bound instead of sleeping a fixed time."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._calls: list[Call] = []

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        call = Call(args, kwargs)
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    @property
    def calls(self) -> list[Call]:
        with self._changed:
            return list(self._calls)

    def wait_for(self, count: int, timeout: float) -> bool:
        """True as soon as there have been ``count`` calls; False if ``timeout`` seconds pass first."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._calls) >= count, timeout)


class ThreadErrors:
    """Exceptions that escaped a thread during the check (through ``threading.excepthook``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._errors: list[tuple[BaseException, str]] = []

    def hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            with self._lock:
                self._errors.append((args.exc_value, args.thread.name if args.thread else "?"))

    def described(self) -> str | None:
        """``your background thread 'x' raised ...`` with the learner's frames, or None."""
        with self._lock:
            errors = list(self._errors)
        return "\n".join(describe_exception(exc, f"your background thread {name!r} raised")
                         for exc, name in errors) or None
