import math
import threading
import time
from typing import Annotated, Union

from flask import current_app, jsonify, request
from pydantic import (BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr,
                      field_validator)
from pydantic import ValidationError as SchemaError

from errors import NotFound, RateLimited, ValidationError


class WidgetIn(BaseModel):
    model_config = ConfigDict(strict=True, allow_inf_nan=False)

    name: StrictStr
    price: Annotated[Union[StrictInt, StrictFloat], Field(ge=0)]

    @field_validator("name")
    @classmethod
    def not_blank(cls, value):
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class MinuteCounter:
    """Valid writes per client per wall-clock minute (12:05:00 to 12:05:59)."""

    def __init__(self, limit):
        self.limit = limit
        self.counts = {}
        self.lock = threading.Lock()

    def wait(self, client):
        """Seconds until `client` may write again, or 0 when it may write now."""
        now = time.time()
        minute = int(now // 60)
        with self.lock:
            seen, count = self.counts.get(client, (minute, 0))
            if seen == minute and count >= self.limit:
                return min(60, max(1, math.ceil((minute + 1) * 60 - now)))
            return 0

    def record(self, client):
        minute = int(time.time() // 60)
        with self.lock:
            seen, count = self.counts.get(client, (minute, 0))
            self.counts[client] = (minute, count + 1 if seen == minute else 1)


def install(app):
    app.extensions["widgets"] = {"items": {}, "next_id": 1, "lock": threading.Lock()}
    app.extensions["minute_counter"] = MinuteCounter(app.config["WRITES_PER_MINUTE"])
    app.add_url_rule("/widgets", "list_widgets", list_widgets, methods=["GET"])
    app.add_url_rule("/widgets", "create_widget", create_widget, methods=["POST"])
    app.add_url_rule("/widgets/<int:widget_id>", "get_widget", get_widget, methods=["GET"])


def list_widgets():
    return jsonify(list(current_app.extensions["widgets"]["items"].values()))


def create_widget():
    counter = current_app.extensions["minute_counter"]
    client = request.remote_addr or "?"
    seconds = counter.wait(client)
    if seconds:
        raise RateLimited(f"You may write {counter.limit} widgets a minute; wait {seconds} s.",
                          headers={"Retry-After": str(seconds)})
    data = request.get_json()
    if not isinstance(data, dict):
        raise ValidationError("The body must be a JSON object, not "
                              f"{type(data).__name__ if data is not None else 'null'}.")
    try:
        widget_in = WidgetIn.model_validate(data)
    except SchemaError as exc:
        fields = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "body"
            fields.setdefault(field, err["msg"])
        raise ValidationError("Invalid widget: " + "; ".join(f"{f}: {m}" for f, m in fields.items()),
                              errors=fields)
    counter.record(client)
    store = current_app.extensions["widgets"]
    with store["lock"]:
        widget = {"id": store["next_id"], **widget_in.model_dump()}
        store["items"][widget["id"]] = widget
        store["next_id"] += 1
    return jsonify(widget), 201


def get_widget(widget_id):
    widget = current_app.extensions["widgets"]["items"].get(widget_id)
    if widget is None:
        raise NotFound(f"No widget has the id {widget_id}.")
    return jsonify(widget)
