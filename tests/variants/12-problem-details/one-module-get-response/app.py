"""Lesson 12, another correct style: everything in one module."""

import json
import math
import os
import time

from flask import Flask, current_app, request
from werkzeug.exceptions import HTTPException, InternalServerError


class Config:
    SECRET_KEY = "dev"
    WRITES_PER_MINUTE = 30
    CRASH_ROUTE = True


class TestConfig(Config):
    TESTING = True
    WRITES_PER_MINUTE = 2


class ProductionConfig(Config):
    CRASH_ROUTE = False


CONFIGS = {"production": ProductionConfig, "testing": TestConfig}


class APIError(Exception):
    def __init__(self, status, title, detail, headers=None):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}


class NotFound(APIError):
    def __init__(self, detail):
        super().__init__(404, "Not Found", detail)


class ValidationError(APIError):
    def __init__(self, detail):
        super().__init__(422, "Unprocessable Content", detail)


class RateLimited(APIError):
    def __init__(self, detail, retry_after):
        super().__init__(429, "Too Many Requests", detail, {"Retry-After": str(retry_after)})


def body(status, title, detail, type_="about:blank"):
    return json.dumps({"type": type_, "title": title, "status": status, "detail": detail})


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(CONFIGS.get(os.environ.get("APP_ENV"), Config))
    app.config.update(config or {})
    app.extensions["widgets"] = {"items": {}, "next": 1, "writes": {}}

    @app.errorhandler(APIError)
    def api_error(error):
        slug = error.title.lower().replace(" ", "-")
        return (body(error.status, error.title, error.detail, f"/problems/{slug}"), error.status,
                {**error.headers, "Content-Type": "application/problem+json"})

    @app.errorhandler(HTTPException)
    def http_error(error):
        # Flask's documented pattern: keep Werkzeug's response (status, Allow...), swap the body.
        response = error.get_response()
        response.data = body(error.code, error.name, error.description)
        response.content_type = "application/problem+json"
        return response

    @app.errorhandler(InternalServerError)
    def server_error(error):
        # Flask has already logged the original exception (with its traceback) by now.
        response = error.get_response()
        response.data = body(500, "Internal Server Error", "An unexpected error occurred.")
        response.content_type = "application/problem+json"
        return response

    @app.route("/widgets", methods=["GET", "POST"])
    def widgets():
        state = current_app.extensions["widgets"]
        if request.method == "GET":
            return list(state["items"].values())
        minute = int(time.time() // 60)
        key = (request.remote_addr, minute)
        if state["writes"].get(key, 0) >= current_app.config["WRITES_PER_MINUTE"]:
            raise RateLimited("Slow down: too many writes this minute.", 60 - int(time.time()) % 60)
        state["writes"][key] = state["writes"].get(key, 0) + 1
        data = request.get_json()
        if not isinstance(data, dict):
            raise ValidationError("The body must be a JSON object.")
        name, price = data.get("name"), data.get("price")
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("'name' must be a non-empty string.")
        if type(price) not in (int, float) or not math.isfinite(price) or price < 0:
            raise ValidationError("'price' must be a number, zero or more.")
        widget = {"id": state["next"], "name": name, "price": price}
        state["items"][widget["id"]] = widget
        state["next"] += 1
        return widget, 201

    @app.route("/widgets/<int:widget_id>")
    def widget(widget_id):
        found = current_app.extensions["widgets"]["items"].get(widget_id)
        if found is None:
            raise NotFound(f"Widget {widget_id} does not exist.")
        return found

    @app.route("/debug/crash")
    def crash():
        if not current_app.config["CRASH_ROUTE"]:
            raise NotFound("No such page.")
        return {"ratio": 1 / 0}

    return app


if __name__ == "__main__":
    create_app().run()
