import time

from flask import Blueprint, current_app, request

from problems import BadWidget, SlowDown, WidgetMissing

api = Blueprint("api", __name__)


class Store:
    def __init__(self):
        self.rows = []
        self.writes = []


@api.get("/widgets")
def index():
    return current_app.store.rows


@api.post("/widgets")
def create():
    store = current_app.store
    now = time.monotonic()
    store.writes = [t for t in store.writes if now - t < 60]
    if len(store.writes) >= current_app.config["WRITES_PER_MINUTE"]:
        raise SlowDown("Write limit reached, wait a minute.")
    store.writes.append(now)
    data = request.get_json(force=False)
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise BadWidget("The field name is required.")
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, (int, float)) or price < 0:
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
