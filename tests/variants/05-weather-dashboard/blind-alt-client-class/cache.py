"""TTL cache that stores each entry's expiry time rather than its birth time."""

import threading
import time


class TTLCache:
    def __init__(self, ttl):
        self.ttl = float(ttl)
        self._data = {}
        self._lock = threading.RLock()

    def get(self, key):
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            expires_at, value = item
            if time.monotonic() >= expires_at:
                self._data.pop(key, None)
                return None
            return value

    def set(self, key, value):
        with self._lock:
            self._data[key] = (time.monotonic() + self.ttl, value)

    def __len__(self):
        with self._lock:
            return len(self._data)
