"""Sliding window per key, kept as plain lists of monotonic timestamps."""

import math
import threading
import time


class SlidingWindowLimiter:
    def __init__(self, limit=5, window=60):
        self.limit, self.window = limit, window
        self.hits = {}
        self.lock = threading.Lock()

    def try_acquire(self, key):
        """(True, 0) when the attempt is let through and counted, (False, seconds) when refused."""
        with self.lock:
            now = time.monotonic()
            recent = [t for t in self.hits.get(key, []) if now - t < self.window]
            if len(recent) >= self.limit:
                self.hits[key] = recent
                return False, max(1, math.ceil(recent[0] + self.window - now))
            recent.append(now)
            self.hits[key] = recent
            return True, 0
