import math
import time

from flask import Blueprint, current_app, request

from problems import BadWidget, SlowDown, WidgetMissing

api = Blueprint("api", __name__)


class Store:
    def __init__(self):
        self.rows = []
        self.writes = {}  # client address -> times of its writes in the last minute


@api.get("/widgets")
def index():
    return current_app.store.rows


@api.post("/widgets")
def create():
    store = current_app.store
    now = time.monotonic()
    mine = [t for t in store.writes.get(request.remote_addr, []) if now - t < 60]
    store.writes[request.remote_addr] = mine
    if len(mine) >= current_app.config["WRITES_PER_MINUTE"]:
        raise SlowDown("Write limit reached, wait a minute.",
                       retry_after=max(1, math.ceil(mine[0] + 60 - now)))
    mine.append(now)
    data = request.get_json(force=False)
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise BadWidget("The field name is required.")
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, (int, float)) or not math.isfinite(price) or price < 0:
        raise BadWidget("The field price must be a non-negative number.")
    row = {"id": len(store.rows) + 1, "name": data["name"], "price": price}
    store.rows.append(row)
    return row, 201


@api.get("/widgets/<int:wid>")
def show(wid):
    for row in current_app.store.rows:
        if row["id"] == wid:
            return row
    raise WidgetMissing(f"widget #{wid} was never created")


@api.get("/debug/crash")
def boom():
    if not current_app.config["CRASH_ROUTE"]:
        raise WidgetMissing("nothing here")
    raise KeyError("database connection string postgres://admin:hunter2@db")
