import math
import threading
from datetime import datetime, timedelta, timezone


class FixedWindowCounter:
    """Counts hits per key in windows that start at a key's first hit."""

    def __init__(self, max_hits, seconds):
        self.max_hits = max_hits
        self.length = timedelta(seconds=seconds)
        self.windows = {}  # key -> [window start, hits]
        self.lock = threading.Lock()

    def wait_seconds(self, key):
        """0 if this hit may go ahead (and is counted), else seconds to wait."""
        now = datetime.now(timezone.utc)
        with self.lock:
            window = self.windows.get(key)
            if window is None or now - window[0] >= self.length:
                self.windows[key] = window = [now, 0]
            if window[1] >= self.max_hits:
                return max(1, math.ceil((window[0] + self.length - now).total_seconds()))
            window[1] += 1
            return 0
