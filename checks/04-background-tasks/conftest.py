"""Lesson 04: give the learner's app a short NOTIFY_DELAY and a notifier that records its calls.

The notifier is called from the learner's background thread, so it records under a lock and
wakes the check through a Condition: checks wait for a call with a bound, never for a fixed time.
These checks use real time (threads sleep for real), so they never take the `clock` fixture.
"""

import threading
import time

import pytest

from flaskcourse.checking.threads import Recorder

DELAY = 0.25
"""The NOTIFY_DELAY the checks configure, in seconds."""


@pytest.fixture
def notifier():
    """Stands in for NOTIFIER(task): records each call, and lets a check wait for the n-th."""
    return Recorder()


@pytest.fixture
def delay():
    """The NOTIFY_DELAY the app is built with."""
    return DELAY


@pytest.fixture
def app_config(notifier, delay):
    return {"NOTIFY_DELAY": delay, "NOTIFIER": notifier}


@pytest.fixture
def new_threads():
    """Threads started since the check began (by the learner's app) and still running."""
    before = set(threading.enumerate())
    return lambda: [t for t in threading.enumerate() if t not in before and t.is_alive()]


class Entry:
    """One line of a WaitLog: what happened, in which thread, in the order it happened."""

    __slots__ = ("seq", "kind", "thread", "seconds", "task")

    def __init__(self, seq, kind, thread, seconds=None, task=None):
        self.seq, self.kind, self.thread, self.seconds, self.task = seq, kind, thread, seconds, task


class WaitLog:
    """The waits the app asks for, in order with the check's own marks, thread by thread.

    A wait is a call of time.sleep, of Condition.wait (which Event.wait, a Timer and a
    Condition.wait_for go through) or of join() on a running Thread, with the seconds it asked
    for (None: until woken). Checks judge what the app *asks* for, never how long anything took,
    so a loaded machine changes nothing. The check's own waits are made quietly.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._quiet = threading.local()
        self.entries = []

    def add(self, kind, seconds=None, task=None):
        if getattr(self._quiet, "on", False):
            return None
        with self._lock:
            entry = Entry(len(self.entries), kind, threading.get_ident(), seconds, task)
            self.entries.append(entry)
        return entry

    def mark(self, kind, task=None):
        """A mark of the check's own ("request-start", "request-end", with the task's id)."""
        return self.add(kind, task=task)

    def quietly(self, action):
        self._quiet.on = True
        try:
            return action()
        finally:
            self._quiet.on = False

    def notifier(self, inner, hold=None):
        """A NOTIFIER that marks "notify-in" and "notify-out" around inner(task). With ``hold``
        (an Event, a bound) it first waits for that event, once the task's request has ended (an
        app that makes its request wait for the notification is not held: no deadlock)."""
        def notify(*args, **kwargs):
            task = kwargs.get("task", args[0] if len(args) == 1 else None)
            task_id = task.get("id") if isinstance(task, dict) else getattr(task, "id", None)
            self.add("notify-in", task=task_id)
            if hold is not None and self.first("request-end", task_id) is not None:
                event, bound = hold
                self.quietly(lambda: event.wait(bound))
            try:
                return inner(*args, **kwargs)
            finally:
                self.add("notify-out", task=task_id)
        return notify

    def first(self, kind, task=None):
        with self._lock:
            entries = list(self.entries)
        return next((e for e in entries if e.kind == kind and (task is None or e.task == task)),
                    None)

    def waits(self, thread, after, before, kinds=("wait",)):
        """The waits ``thread`` asked for between two entries (seq numbers), bounded ones only."""
        return [e for e in self.entries if e.kind in kinds and e.thread == thread
                and after < e.seq < before and e.seconds is not None]


@pytest.fixture
def waits(monkeypatch):
    """Records every wait asked for during the check (see WaitLog); build the app after it."""
    log = WaitLog()
    real_sleep, real_wait, real_join = time.sleep, threading.Condition.wait, threading.Thread.join

    def sleep(seconds):
        log.add("wait", seconds)
        return real_sleep(seconds)

    def wait(self, timeout=None):
        log.add("wait", timeout)
        return real_wait(self, timeout)

    def join(self, timeout=None):
        if self.is_alive():
            log.add("join", float("inf") if timeout is None else timeout)
        return real_join(self, timeout)

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(threading.Condition, "wait", wait)
    monkeypatch.setattr(threading.Thread, "join", join)
    return log
