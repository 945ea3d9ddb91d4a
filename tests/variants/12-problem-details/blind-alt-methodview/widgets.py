"""Widgets as class-based views."""

import math
import threading
import time

from flask import current_app, jsonify, request
from flask.views import MethodView

from errors import NotFound, RateLimited, ValidationError


class Store:
    def __init__(self):
        self.rows = []
        self.lock = threading.Lock()

    def create(self, name, price):
        with self.lock:
            row = {"id": len(self.rows) + 1, "name": name, "price": price}
            self.rows.append(row)
            return row

    def find(self, widget_id):
        return next((r for r in self.rows if r["id"] == widget_id), None)


class MinuteCounter:
    def __init__(self, limit):
        self.limit = limit
        self.lock = threading.Lock()
        self.minute = None
        self.seen = {}

    def allow(self, who):
        now = time.time()
        with self.lock:
            minute = int(now // 60)
            if minute != self.minute:
                self.minute, self.seen = minute, {}
            if self.seen.get(who, 0) >= self.limit:
                return False, int(60 - now % 60) + 1
            self.seen[who] = self.seen.get(who, 0) + 1
            return True, 0


class WidgetList(MethodView):
    def get(self):
        return jsonify(current_app.extensions["store"].rows)

    def post(self):
        ok, wait = current_app.extensions["counter"].allow(request.remote_addr)
        if not ok:
            raise RateLimited(f"Too many writes from you; wait {wait} seconds.", wait)
        data = request.get_json()
        if not isinstance(data, dict):
            raise ValidationError("Expected a JSON object with 'name' and 'price'.")
        name, price = data.get("name"), data.get("price")
        if not isinstance(name, str) or name.strip() == "":
            raise ValidationError("The field 'name' must be a non-empty string.", field="name")
        if type(price) not in (int, float) or not math.isfinite(price):
            raise ValidationError("The field 'price' must be a number.", field="price")
        if price < 0:
            raise ValidationError("The field 'price' must not be negative.", field="price")
        return current_app.extensions["store"].create(name.strip(), price), 201


class WidgetItem(MethodView):
    def get(self, widget_id):
        widget = current_app.extensions["store"].find(widget_id)
        if widget is None:
            raise NotFound(f"No widget has the id {widget_id}.")
        return widget


def crash_view():
    raise KeyError("postgres://admin:hunter2@db/widgets")


def setup(app):
    app.extensions["store"] = Store()
    app.extensions["counter"] = MinuteCounter(app.config["WRITES_PER_MINUTE"])
    app.add_url_rule("/widgets", view_func=WidgetList.as_view("widget_list"))
    app.add_url_rule("/widgets/<int:widget_id>", view_func=WidgetItem.as_view("widget_item"))
    if app.config["CRASH_ROUTE"]:
        app.add_url_rule("/debug/crash", view_func=crash_view)
