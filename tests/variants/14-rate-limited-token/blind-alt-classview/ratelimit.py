"""Sliding window log per key, kept as a sorted list of monotonic timestamps."""

import bisect
import math
import threading
import time


class AttemptLog:
    def __init__(self, max_attempts=5, per_seconds=60):
        self.max_attempts = max_attempts
        self.per_seconds = per_seconds
        self.log = {}
        self.guard = threading.Lock()

    def attempt(self, who):
        """(True, 0) when the attempt is let through and recorded, else (False, seconds to wait)."""
        now = time.monotonic()
        with self.guard:
            times = self.log.get(who, [])
            # keep only attempts younger than the window: t > now - per_seconds
            times = times[bisect.bisect_right(times, now - self.per_seconds):]
            self.log[who] = times
            if len(times) >= self.max_attempts:
                return False, math.ceil(times[0] + self.per_seconds - now)
            times.append(now)
            return True, 0
