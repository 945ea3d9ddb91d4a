"""An in-process cache whose entries carry a deadline (monotonic seconds) instead of a birth time."""

from threading import RLock
from time import monotonic


class ExpiringCache:
    def __init__(self, seconds):
        self.seconds = seconds
        self._data = {}
        self._lock = RLock()

    def lookup(self, key):
        """(True, value) while the entry is younger than `seconds`; (False, None) otherwise."""
        with self._lock:
            if key not in self._data:
                return False, None
            deadline, value = self._data[key]
            if monotonic() >= deadline:
                self._data.pop(key)           # expired: forget it
                return False, None
            return True, value

    def store(self, key, value):
        with self._lock:
            self._data[key] = (monotonic() + self.seconds, value)

    def __len__(self):
        return len(self._data)
