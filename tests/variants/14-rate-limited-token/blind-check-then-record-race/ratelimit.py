"""A sliding-window rate limiter: at most `limit` attempts per `window` seconds per key.

For each key (here: a client IP address) we keep the times of its recent attempts. An attempt
is allowed when fewer than `limit` of them fall inside the last `window` seconds.

This lives in the memory of ONE process. Under gunicorn with four workers every worker has its
own copy, so a client really gets 4 x 5 attempts, and a restart forgets everything. It is a
prototype; a real deployment keeps the counters in a shared store such as Redis.
"""

import math
import threading
import time
from collections import deque


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> int | None:
        """None if `key` may make another attempt, else the seconds to wait (for Retry-After)."""
        now = time.monotonic()
        with self._lock:
            stamps = self._attempts.setdefault(key, deque())
            while stamps and now - stamps[0] >= self.window:
                stamps.popleft()
            if len(stamps) >= self.limit:
                return max(1, math.ceil(stamps[0] + self.window - now))
            return None

    def record(self, key: str) -> None:
        """Count one attempt for `key`."""
        now = time.monotonic()
        with self._lock:
            self._attempts.setdefault(key, deque()).append(now)
