"""What can happen to one check. Apart from the result objects in ``report`` so that the
renderer can name outcomes without defining those classes: `list` never needs them."""

from __future__ import annotations

import enum


class Outcome(str, enum.Enum):
    """What happened to one check (check50's three outcomes, plus timeouts and skips)."""

    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    ERROR = "error"
    SKIPPED = "skipped"
    NOT_RUN = "not_run"
    """Not run because the learner's code hangs at a line where an earlier check timed out:
    waiting the full limit again would only say the same thing."""

    @property
    def is_failure(self) -> bool:
        """True when the learner's code is to blame (a timeout is the learner's code hanging)."""
        return self in (Outcome.FAILED, Outcome.TIMEOUT, Outcome.NOT_RUN)
