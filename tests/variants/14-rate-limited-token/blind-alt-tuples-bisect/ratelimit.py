import bisect
import math
import threading
import time


class SlidingWindowLimiter:
    """Keeps a sorted list of monotonic stamps per key; one lock makes check-and-record atomic."""

    def __init__(self, max_attempts, per_seconds):
        self.max_attempts = max_attempts
        self.per_seconds = per_seconds
        self._log = {}
        self._mutex = threading.Lock()

    def attempt(self, key):
        """Return None if allowed (recorded), else whole seconds until a slot frees up."""
        now = time.monotonic()
        with self._mutex:
            log = self._log.get(key, [])
            # keep only stamps younger than the window: stamp > now - window
            log = log[bisect.bisect_right(log, now - self.per_seconds):]
            self._log[key] = log
            if len(log) == self.max_attempts or len(log) > self.max_attempts:
                return math.ceil(log[0] + self.per_seconds - now) or 1
            log.append(now)
            return None
