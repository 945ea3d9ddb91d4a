"""A small time-to-live cache: every value is forgotten `ttl` seconds after it was stored.

Used from app.py as:

    cache = TTLCache(ttl=600)
    cache.set((52.52, 13.41), weather)
    cache.get((52.52, 13.41))    # -> weather for 600 seconds, then None
"""

import threading
import time  # noqa: F401  (the TODOs below need it)


class TTLCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self._entries = {}              # key -> (stored_at, value)
        self._lock = threading.Lock()   # the dev server answers requests in threads

    def get(self, key):
        """The value stored under `key`, or None when there is none or it has expired."""
        # TODO: now = time.monotonic() (it never jumps, unlike time.time()).
        #       Under the lock: no entry -> None. An entry whose age (now - stored_at) is
        #       self.ttl or more -> delete it and return None. Otherwise return its value.
        raise NotImplementedError("TTLCache.get is not written yet (cache.py)")

    def set(self, key, value):
        # TODO: under the lock, store (time.monotonic(), value) under key.
        raise NotImplementedError("TTLCache.set is not written yet (cache.py)")
