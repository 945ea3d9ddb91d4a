"""Lesson 04: give the learner's app a short NOTIFY_DELAY and a notifier that records its calls.

The notifier is called from the learner's background thread, so it records under a lock and
wakes the check through a Condition: checks wait for a call with a bound, never for a fixed time.
These checks use real time (threads sleep for real), so they never take the `clock` fixture.
"""

import threading

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
