"""Lesson 04: give the learner's app a short NOTIFY_DELAY and a notifier that records its calls.

The notifier is called from the learner's background thread, so it records under a lock and
wakes the check through a Condition: checks wait for a call with a bound, never for a fixed time.
These checks use real time (threads sleep for real), so they never take the `clock` fixture.
"""

import threading
import time

import pytest

from flaskcourse.checking.learner import describe_exception

DELAY = 0.5
"""The NOTIFY_DELAY the checks configure, in seconds."""


class Call:
    """One call of the notifier: its arguments, when it happened and in which thread."""

    def __init__(self, args, kwargs):
        self.args = args
        self.kwargs = kwargs
        self.at = time.monotonic()
        self.thread_id = threading.get_ident()
        self.thread_name = threading.current_thread().name

    def task(self):
        """The task the notifier was given: its only argument, or the keyword `task`."""
        if "task" in self.kwargs:
            return self.kwargs["task"]
        if len(self.args) == 1 and not self.kwargs:
            return self.args[0]
        return None

    def field(self, name):
        task = self.task()
        if isinstance(task, dict):
            return task.get(name)
        return getattr(task, name, None)

    def shown(self):
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"NOTIFIER({', '.join(parts)})"


class RecordingNotifier:
    """Stands in for NOTIFIER(task); thread-safe, and lets a check wait for the n-th call."""

    def __init__(self):
        self._changed = threading.Condition()
        self._calls = []

    def __call__(self, *args, **kwargs):
        call = Call(args, kwargs)
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    @property
    def calls(self):
        with self._changed:
            return list(self._calls)

    def wait_for(self, count, timeout):
        """True as soon as there have been ``count`` calls; False if ``timeout`` seconds pass first."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._calls) >= count, timeout)


class ThreadErrors:
    """Exceptions that escaped a thread during the check (threading.excepthook), to explain a
    notification that never came: "your background thread raised RuntimeError: ..."."""

    def __init__(self):
        self._lock = threading.Lock()
        self._errors = []

    def hook(self, args):
        if args.exc_value is not None:
            with self._lock:
                self._errors.append((args.exc_value, args.thread.name if args.thread else "?"))

    def described(self):
        with self._lock:
            errors = list(self._errors)
        return "\n".join(describe_exception(exc, f"your background thread {name!r} raised")
                         for exc, name in errors) or None


@pytest.fixture(autouse=True)
def thread_errors():
    """Record what the learner's threads raise while this check runs, instead of printing it."""
    errors = ThreadErrors()
    previous = threading.excepthook
    threading.excepthook = errors.hook
    try:
        yield errors
    finally:
        threading.excepthook = previous


@pytest.fixture
def notifier():
    return RecordingNotifier()


@pytest.fixture
def delay():
    """The NOTIFY_DELAY the app is built with."""
    return DELAY


@pytest.fixture
def app_config(notifier, delay):
    return {"NOTIFY_DELAY": delay, "NOTIFIER": notifier}
