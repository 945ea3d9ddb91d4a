"""A TTL cache with dataclass entries; expired entries are purged on every lookup."""

import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    value: Any
    born: float


class TTLCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self.entries: dict = {}
        self.lock = threading.Lock()

    def _alive(self, entry, now):
        return now - entry.born < self.ttl

    def get(self, key):
        now = time.monotonic()
        with self.lock:
            for stale in [k for k, e in self.entries.items() if not self._alive(e, now)]:
                del self.entries[stale]
            entry = self.entries.get(key)
            return None if entry is None else entry.value

    def set(self, key, value):
        with self.lock:
            self.entries[key] = Entry(value, time.monotonic())
