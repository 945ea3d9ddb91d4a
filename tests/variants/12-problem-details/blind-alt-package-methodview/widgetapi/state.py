import math
import threading
import time
from collections import defaultdict, deque
from itertools import count


class WidgetState:
    """Everything one app owns: its widgets, its id counter and its write log."""

    def __init__(self, writes_per_minute):
        self.widgets = {}
        self.ids = count(1)
        self.limit = writes_per_minute
        self.writes = defaultdict(deque)  # client -> monotonic times of accepted writes
        self.lock = threading.Lock()

    def add(self, name, price):
        with self.lock:
            widget_id = next(self.ids)
            self.widgets[widget_id] = {"id": widget_id, "name": name, "price": price}
            return self.widgets[widget_id]

    def wait_before_write(self, client):
        """0 if a write from `client` is allowed now (and counts it), else whole seconds to wait.
        A sliding 60 seconds over the accepted writes."""
        now = time.monotonic()
        with self.lock:
            log = self.writes[client]
            while log and now - log[0] >= 60:
                log.popleft()
            if len(log) >= self.limit:
                return min(60, max(1, math.ceil(log[0] + 60 - now)))
            log.append(now)
            return 0
