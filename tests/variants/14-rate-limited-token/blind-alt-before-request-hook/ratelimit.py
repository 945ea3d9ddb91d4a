"""Per-IP sliding window, deques of time.monotonic() stamps."""

import math
import threading
import time
from collections import defaultdict, deque


class SlidingWindowLimiter:
    def __init__(self, attempts, seconds):
        self.attempts = attempts
        self.seconds = seconds
        self._stamps = defaultdict(deque)
        self._lock = threading.RLock()

    def seconds_to_wait(self, key):
        """0 if the attempt is allowed (and it is recorded); otherwise the Retry-After value."""
        with self._lock:
            now = time.monotonic()
            q = self._stamps[key]
            cutoff = now - self.seconds
            while q and q[0] <= cutoff:
                q.popleft()
            if len(q) < self.attempts:
                q.append(now)
                return 0
            return max(1, math.ceil(q[0] - cutoff))
