"""The widgets resource: GET/POST /widgets, GET /widgets/<id>, and the crash-test route.

The views never build an error response themselves: they raise an APIError and the handlers
in errors.py decide how it looks. A view reads like the happy path with guard clauses.
"""

import math
import threading
import time

from flask import Blueprint, current_app, jsonify, request, url_for

from errors import NotFound, RateLimited, ValidationError

bp = Blueprint("widgets", __name__)


class WidgetStore:
    """In-memory widgets. One store per app (created in create_app), never a module global:
    two apps built by the factory, e.g. two tests, must not see each other's widgets."""

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
    """At most `limit` writes per client per clock minute (a fixed window: simple, and enough
    here; lesson 14 builds a sliding one)."""

    def __init__(self, limit):
        self.limit = limit
        self._counts = {}
        self._lock = threading.Lock()

    def hit(self, key):
        """Count one write; None if allowed, else the seconds until the next window."""
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


def init_app(app):
    app.extensions["widgets"] = WidgetStore()
    app.extensions["write_limiter"] = WriteLimiter(app.config["WRITES_PER_MINUTE"])


def validate(data):
    """The widget fields from a JSON body, or ValidationError listing every problem at once."""
    if not isinstance(data, dict):
        raise ValidationError("Send a JSON object with a name and a price.")
    errors = {}
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = "name is required and must be a non-empty string."
    price = data.get("price")
    # bool is a subclass of int in Python: True must not pass as a price of 1. Only a float can
    # be NaN or infinite; math.isfinite() on a huge int (400 digits) raises OverflowError.
    if (isinstance(price, bool) or not isinstance(price, (int, float))
            or (isinstance(price, float) and not math.isfinite(price))):
        errors["price"] = "price is required and must be a number."
    elif price < 0:
        errors["price"] = "price must not be negative."
    if errors:
        # The detail names the fields for a human; `errors` lists them for a program.
        raise ValidationError("Invalid widget: " + " ".join(errors.values()), errors=errors)
    return name.strip(), price


@bp.get("/widgets")
def list_widgets():
    return jsonify(current_app.extensions["widgets"].all())


@bp.post("/widgets")
def create_widget():
    retry_after = current_app.extensions["write_limiter"].hit(request.remote_addr or "unknown")
    if retry_after is not None:
        raise RateLimited(
            f"At most {current_app.config['WRITES_PER_MINUTE']} writes per minute. "
            f"Try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )
    # get_json() without silent=True: a body that is not valid JSON makes Flask raise
    # BadRequest (400), which our HTTPException handler turns into a problem document.
    name, price = validate(request.get_json())
    widget = current_app.extensions["widgets"].add(name, price)
    location = url_for("widgets.get_widget", widget_id=widget["id"])
    return jsonify(widget), 201, {"Location": location}


@bp.get("/widgets/<int:widget_id>")
def get_widget(widget_id):
    widget = current_app.extensions["widgets"].get(widget_id)
    if widget is None:
        # The detail names this occurrence: which widget was missing.
        raise NotFound(f"There is no widget with id {widget_id}.")
    return jsonify(widget)


def crash():
    """Fail on purpose, so you can watch a 500 being logged and answered safely."""
    raise RuntimeError("Crash test: /debug/crash raised this on purpose (secret detail).")
