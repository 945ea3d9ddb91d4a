"""A sliding-window rate limiter: at most `limit` attempts per `window` seconds per key.

For each key (here: a client IP address) we keep the times of its recent attempts. An attempt
is allowed when fewer than `limit` of them fall inside the last `window` seconds.

This lives in the memory of ONE process. Under gunicorn with four workers every worker has its
own copy, so a client really gets 4 x 5 attempts, a restart forgets everything, and the dict
keeps an entry for every address that ever tried. It is a prototype; a real deployment keeps the
counters in a shared store such as Redis, which expires idle keys.
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
        # The development server answers requests in threads; two requests from the same IP
        # must not both read "4 attempts" and both get in.
        self._lock = threading.Lock()

    def hit(self, key: str) -> int | None:
        """Record an attempt for `key`, or refuse it.

        Returns None when the attempt is allowed (and counted), or the number of whole seconds
        until the oldest counted attempt leaves the window (the value for Retry-After).
        """
        # monotonic, not time.time(): it never jumps backwards when the wall clock is adjusted.
        now = time.monotonic()
        with self._lock:
            stamps = self._attempts.setdefault(key, deque())
            # Forget attempts older than the window. The deque is in time order, so the stale
            # ones are all at the left end.
            while stamps and now - stamps[0] >= self.window:
                stamps.popleft()
            if len(stamps) >= self.limit:
                # A refused attempt is not recorded: otherwise a client that keeps retrying
                # would push its own window forward forever, and Retry-After would be a lie.
                wait = stamps[0] + self.window - now
                return max(1, math.ceil(wait))
            stamps.append(now)
            return None
