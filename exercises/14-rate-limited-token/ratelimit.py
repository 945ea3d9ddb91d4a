"""A sliding-window rate limiter: at most `limit` attempts per `window` seconds per key.

This keeps its counts in the memory of one process: fine for learning and for one worker,
not for a deployment with several workers (read "Why in-memory is only a prototype").
"""

import math
import threading
import time
from collections import deque


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self._attempts: dict[str, deque[float]] = {}   # key -> times of recent attempts
        self._lock = threading.Lock()                   # the dev server runs requests in threads

    def hit(self, key: str) -> int | None:
        """Record an attempt for `key`, or refuse it.

        Return None when the attempt is allowed (and counted), or the whole number of seconds
        until the oldest counted attempt leaves the window (what Retry-After should say).
        """
        # TODO: take now = time.monotonic(); under the lock, drop the stamps of `key` that are
        #       `window` seconds old or older; if `limit` stamps remain, refuse (do not record
        #       this attempt) and return math.ceil(oldest + window - now); else record now.
        raise NotImplementedError("SlidingWindowLimiter.hit is not written yet (ratelimit.py)")
