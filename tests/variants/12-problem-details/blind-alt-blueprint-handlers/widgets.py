import math
import threading
import time

from flask import Blueprint, current_app, jsonify, request

from errors import NotFound, RateLimited, ValidationError

bp = Blueprint("widgets", __name__)


class Widgets:
    """This app's widgets and its write counter."""

    def __init__(self, writes_per_minute):
        self.lock = threading.Lock()
        self.items = {}
        self.last_id = 0
        self.writes_per_minute = writes_per_minute
        self.window_start = time.monotonic()
        self.writes = {}

    def take_write(self, client):
        with self.lock:
            now = time.monotonic()
            if now - self.window_start >= 60:
                self.window_start, self.writes = now, {}
            used = self.writes.get(client, 0)
            if used >= self.writes_per_minute:
                return math.ceil(60 - (now - self.window_start)) or 1
            self.writes[client] = used + 1
            return None

    def add(self, name, price):
        with self.lock:
            self.last_id += 1
            self.items[self.last_id] = {"id": self.last_id, "name": name, "price": price}
            return self.items[self.last_id]


def widgets():
    return current_app.extensions["widgets"]


@bp.route("/widgets", methods=["GET", "POST"])
def collection():
    if request.method == "GET":
        return jsonify(list(widgets().items.values()))
    wait = widgets().take_write(request.remote_addr)
    if wait is not None:
        raise RateLimited(f"You may write {widgets().writes_per_minute} times a minute.",
                          headers={"Retry-After": str(wait)})
    payload = request.get_json()
    fields = {}
    if not isinstance(payload, dict):
        payload = {}
    name = payload.get("name")
    price = payload.get("price")
    if not isinstance(name, str) or not name.strip():
        fields["name"] = "missing or blank"
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        fields["price"] = "missing or not a number"
    elif not math.isfinite(price) or price < 0:
        fields["price"] = "must be a finite number, 0 or more"
    if fields:
        raise ValidationError("Invalid fields: " + ", ".join(sorted(fields)), fields=fields)
    widget = widgets().add(name.strip(), price)
    return jsonify(widget), 201


@bp.route("/widgets/<int:widget_id>", methods=["GET"])
def item(widget_id):
    if widget_id not in widgets().items:
        raise NotFound(f"widget {widget_id} was not found")
    return jsonify(widgets().items[widget_id])


def crash():
    raise ValueError("secret: connection string here")
