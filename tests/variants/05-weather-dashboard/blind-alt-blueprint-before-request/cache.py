"""TTL cache on an OrderedDict: oldest entries first, so expired ones are swept from the front."""

import threading
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, ttl, clock=None):
        self.ttl = ttl
        self.clock = clock or (lambda: time.monotonic())
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def _sweep(self, now):
        while self._items:
            key, (stamp, _) = next(iter(self._items.items()))
            if now - stamp < self.ttl:
                break
            self._items.popitem(last=False)

    def get(self, key):
        with self._lock:
            self._sweep(self.clock())
            hit = self._items.get(key)
            return hit[1] if hit else None

    def set(self, key, value):
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = (self.clock(), value)
