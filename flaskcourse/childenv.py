"""The environment a child process inherits: the learner's, minus what would change its output.

Checks and lesson examples must behave the same in a learner's terminal, in CI and under an
autograder. pytest, for one, stops truncating its assertion reports when ``CI`` or
``BUILD_NUMBER`` is set, and takes options from ``PYTEST_ADDOPTS``; Flask reads ``FLASK_*``.
"""

from __future__ import annotations

import os

DROPPED_PREFIXES = ("FLASK_", "FLASKCOURSE_", "PYTEST_")
DROPPED = frozenset({"PYTHONPATH", "PYTHONSTARTUP", "CI", "BUILD_NUMBER", "COLUMNS", "LINES",
                     "FORCE_COLOR", "PY_COLORS"})


def inherited_env() -> dict[str, str]:
    """A copy of ``os.environ`` without the variables that steer Flask, pytest or our own runs."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(DROPPED_PREFIXES) and k not in DROPPED}
