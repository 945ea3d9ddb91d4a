import itertools
import threading
import time

from flask import current_app


class EventLog:
    """The events one app accepted, oldest first. One instance per app, kept in app.extensions."""

    def init_app(self, app):
        self._items = []
        self._lock = threading.Lock()
        self._seq = itertools.count(1)
        app.extensions["event_log"] = self

    def add(self, payload):
        with self._lock:
            entry = {"seq": next(self._seq), "at": time.time(), "data": payload}
            self._items.append(entry)
            return entry["seq"]

    def snapshot(self):
        with self._lock:
            return list(self._items)


def log() -> EventLog:
    return current_app.extensions["event_log"]
