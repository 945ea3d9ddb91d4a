"""The widgets resource: GET/POST /widgets, GET /widgets/<id>, and the crash-test route.

The store and the limiter are done. The views are yours: raise an APIError from errors.py
whenever something is wrong, and let the handlers decide how the error looks.
"""

import math
import threading
import time

from flask import Blueprint, abort, jsonify

from errors import NotFound, RateLimited, ValidationError  # noqa: F401  (you will need them)

bp = Blueprint("widgets", __name__)


class WidgetStore:
    """In-memory widgets: add(name, price) -> widget, get(id) -> widget or None, all() -> list."""

    def __init__(self):
        self._widgets = {}
        self._next_id = 1
        self._lock = threading.Lock()  # the dev server answers requests in threads

    def add(self, name, price):
        with self._lock:
            widget = {"id": self._next_id, "name": name, "price": price}
            self._widgets[widget["id"]] = widget
            self._next_id += 1
            return widget

    def get(self, widget_id):
        return self._widgets.get(widget_id)

    def all(self):
        return list(self._widgets.values())


class WriteLimiter:
    """At most `limit` writes per key per clock minute.

    hit(key) counts one write and returns None when it is allowed, or the number of seconds
    until the next minute starts when it is not (a good value for a Retry-After header).
    """

    def __init__(self, limit):
        self.limit = limit
        self._counts = {}
        self._lock = threading.Lock()

    def hit(self, key):
        now = time.monotonic()
        window = int(now // 60)
        with self._lock:
            if self._counts.get(key, (None, 0))[0] != window:
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
            _, count = self._counts.get(key, (window, 0))
            if count >= self.limit:
                return max(1, math.ceil((window + 1) * 60 - now))
            self._counts[key] = (window, count + 1)
            return None


# TODO: this store is created once, when the module is imported, so every app that
#       create_app() builds shares it. Create one per app instead, in init_app, and keep it
#       on the app (app.extensions["widgets"]); views reach it through current_app.
STORE = WidgetStore()


def init_app(app):
    """Give this app its own state. TODO: the store (see above) and a
    WriteLimiter(app.config["WRITES_PER_MINUTE"])."""


@bp.get("/widgets")
def list_widgets():
    return jsonify(STORE.all())


@bp.post("/widgets")
def create_widget():
    # TODO 1. Count the write: limiter.hit(request.remote_addr). If it is refused, raise
    #         RateLimited(...) (a Retry-After header is a kindness to the client).
    # TODO 2. Read the body with request.get_json(). Broken JSON makes Flask raise a 400
    #         BadRequest by itself: let it, your HTTPException handler will dress it.
    # TODO 3. Validate: name a non-empty string, price a number >= 0 (and not True/False).
    #         Otherwise raise ValidationError with a detail that names the field.
    # TODO 4. Add it to the store and answer 201 with the widget.
    abort(501, description="POST /widgets is not written yet: see the TODOs in widgets.py.")


@bp.get("/widgets/<int:widget_id>")
def get_widget(widget_id):
    # TODO: the widget as JSON, or raise NotFound with a detail that names widget_id.
    abort(501, description="GET /widgets/<id> is not written yet: see widgets.py.")


def crash():
    """GET /debug/crash: fail on purpose, to watch a 500 being logged and answered safely.

    TODO: raise an exception that is not an HTTPException, e.g. RuntimeError("crash test").
    """
    return {"crashed": False}
