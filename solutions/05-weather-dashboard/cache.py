"""A small time-to-live cache: every value is forgotten `ttl` seconds after it was stored.

It lives in the memory of one process: right for one worker and for learning. Several workers
(gunicorn -w 4) would each keep their own copy; a shared cache such as Redis fixes that.
"""

import threading
import time


class TTLCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self._entries = {}              # key -> (stored_at, value)
        # The development server answers requests in threads: two of them may touch the dict
        # at once, so every read-and-change happens under one lock.
        self._lock = threading.Lock()

    def get(self, key):
        """The value stored under `key`, or None when there is none or it has expired."""
        # time.monotonic() only ever moves forward. time.time() follows the wall clock, which
        # can jump (NTP, daylight saving fixes) and would make entries expire early or never.
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, value = entry
            if now - stored_at >= self.ttl:
                # Expired: drop it now, so stale entries don't pile up in memory forever.
                del self._entries[key]
                return None
            return value

    def set(self, key, value):
        with self._lock:
            self._entries[key] = (time.monotonic(), value)
