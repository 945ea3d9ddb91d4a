"""Lesson 08 with exceptions and error handlers instead of early returns."""

import itertools
import json
import os
import threading
import time

from flask import Flask, current_app, jsonify, request

from signatures import is_valid


class BadSignature(Exception):
    pass


class BadPayload(Exception):
    pass


class EventLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._items = []

    def add(self, payload):
        with self._lock:
            item = {"id": next(self._ids),
                    "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "payload": payload}
            self._items.append(item)
            return item

    def all(self):
        with self._lock:
            return list(self._items)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(WEBHOOK_SECRET=os.environ.get("WEBHOOK_SECRET", "dev-webhook-secret-change-me"))
    app.config.update(config or {})
    app.extensions["event_log"] = EventLog()

    @app.errorhandler(BadSignature)
    def unauthorized(_exc):
        return {"error": "signature missing or wrong"}, 401

    @app.errorhandler(BadPayload)
    def bad_request(_exc):
        return {"error": "signed, but not JSON"}, 400

    @app.route("/webhook", methods=["POST"])
    def webhook():
        raw = request.get_data()
        if not is_valid(current_app.config["WEBHOOK_SECRET"], raw,
                        request.headers.get("X-Webhook-Signature")):
            raise BadSignature()
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadPayload() from exc
        item = current_app.extensions["event_log"].add(payload)
        return {"ok": True, "event": item["id"]}

    @app.route("/admin/events", methods=["GET"])
    def events():
        # A plain JSON array, oldest first.
        return jsonify(current_app.extensions["event_log"].all())

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
