import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from time import monotonic


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0


class LoginLimiter:
    """At most `limit` attempts per key in any `window` seconds (a sliding log)."""

    def __init__(self, limit=5, window=60):
        self.limit, self.window = limit, window
        self._seen = defaultdict(deque)
        self._mutex = threading.Lock()

    def check_and_record(self, key):
        t = monotonic()
        with self._mutex:
            seen = self._seen[key]
            cutoff = t - self.window
            while seen and seen[0] <= cutoff:
                seen.popleft()
            if len(seen) < self.limit:
                seen.append(t)
                return Decision(True)
            remaining = seen[0] + self.window - t
            return Decision(False, -int(-remaining // 1))   # ceiling without math
