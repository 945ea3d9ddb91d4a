"""Lesson 08, one module: a custom exception becomes the JSON 401/400, the log is a small class."""

import json
import os
import threading
from datetime import datetime, timezone

from flask import Flask, current_app, jsonify, request

import signatures

DEV_SECRET = "dev-webhook-secret-change-me"


class Refused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


class Inbox:
    def __init__(self):
        self.lock = threading.Lock()
        self.payloads = []
        self.times = []

    def keep(self, payload):
        with self.lock:
            self.payloads.append(payload)
            self.times.append(datetime.now(timezone.utc).isoformat())
            return len(self.payloads)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    app.config.setdefault("WEBHOOK_SECRET", os.environ.get("WEBHOOK_SECRET", DEV_SECRET))
    app.extensions["inbox"] = Inbox()

    @app.errorhandler(Refused)
    def refused(exc):
        return jsonify(error=exc.message), exc.status

    @app.route("/webhook", methods=["POST"])
    def webhook():
        raw = request.get_data(cache=True)
        header = request.headers.get("X-Webhook-Signature")
        if not signatures.is_valid(current_app.config["WEBHOOK_SECRET"], raw, header):
            raise Refused(401, "signature missing or wrong")
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Refused(400, "body must be UTF-8 JSON") from None
        seq = current_app.extensions["inbox"].keep(payload)
        return jsonify(ok=True, seq=seq)

    @app.route("/admin/events")
    def admin_events():
        inbox = current_app.extensions["inbox"]
        with inbox.lock:
            items = list(inbox.payloads)
        return jsonify(items=items, total=len(items))

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
