"""Widgets, registered with add_url_rule; the store and the limiter live in app.extensions."""

import collections
import itertools
import threading
import time
from numbers import Real

from flask import current_app, request

from errors import NotFound, RateLimited, ValidationError


class SlidingLimiter:
    """At most `limit` writes per client in any 60 seconds."""

    def __init__(self, limit):
        self.limit = limit
        self.hits = collections.defaultdict(collections.deque)
        self.lock = threading.Lock()

    def check(self, client):
        now = time.monotonic()
        with self.lock:
            q = self.hits[client]
            while q and now - q[0] >= 60:
                q.popleft()
            if len(q) >= self.limit:
                return max(1, int(60 - (now - q[0])) + 1)
            q.append(now)
            return 0


def state():
    return current_app.extensions["widget_api"]


def all_widgets():
    return list(state()["items"].values())


def add_widget():
    wait = state()["limiter"].check(request.remote_addr)
    if wait:
        raise RateLimited(f"Write limit reached; retry in {wait} seconds.",
                          headers={"Retry-After": str(wait)})
    body = request.get_json()  # broken JSON: Flask raises a 400 for us
    if not isinstance(body, dict):
        raise ValidationError("The body must be a JSON object with name and price.",
                              invalid_params=[{"name": "name"}, {"name": "price"}])
    bad = []
    name, price = body.get("name"), body.get("price")
    if not (isinstance(name, str) and name.strip()):
        bad.append({"name": "name", "reason": "a non-empty string is required"})
    if isinstance(price, bool) or not isinstance(price, Real) or price != price \
            or price in (float("inf"), float("-inf")):
        bad.append({"name": "price", "reason": "a number is required"})
    elif price < 0:
        bad.append({"name": "price", "reason": "must be zero or more"})
    if bad:
        raise ValidationError("Check these fields: " + ", ".join(b["name"] for b in bad) + ".",
                              invalid_params=bad)
    with state()["lock"]:
        widget = {"id": next(state()["ids"]), "name": name.strip(), "price": price}
        state()["items"][widget["id"]] = widget
    return widget, 201, {"Location": f"/widgets/{widget['id']}"}


def one_widget(widget_id):
    try:
        return state()["items"][widget_id]
    except KeyError:
        raise NotFound(f"Widget {widget_id} does not exist.") from None


def crash():
    return {"never": 1 / 0}


def init_app(app):
    app.extensions["widget_api"] = {
        "items": {}, "ids": itertools.count(1), "lock": threading.Lock(),
        "limiter": SlidingLimiter(app.config["WRITES_PER_MINUTE"]),
    }
    app.add_url_rule("/widgets", "list_widgets", all_widgets, methods=["GET"])
    app.add_url_rule("/widgets", "add_widget", add_widget, methods=["POST"])
    app.add_url_rule("/widgets/<int:widget_id>", "one_widget", one_widget)
    if app.config["CRASH_ROUTE"]:
        app.add_url_rule("/debug/crash", "crash", crash)
