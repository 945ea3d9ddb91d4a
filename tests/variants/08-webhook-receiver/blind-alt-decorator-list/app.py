"""Lesson 08: the signature check lives in a decorator; /admin/events is a list."""

import functools
import json
import os
from datetime import datetime, timezone
from threading import Lock

from flask import Flask, current_app, jsonify, request

from signatures import is_valid


def signed(view):
    """Run the view only for requests whose raw body carries a valid signature."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        raw = request.get_data()
        ok = is_valid(current_app.config["WEBHOOK_SECRET"], raw,
                      request.headers.get("X-Webhook-Signature", ""))
        if not ok:
            return jsonify(message="signature check failed"), 401
        return view(raw, *args, **kwargs)
    return wrapper


def create_app(config=None):
    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ.get("WEBHOOK_SECRET", "dev-webhook-secret-change-me")
    if config is not None:
        for key in config:
            app.config[key] = config[key]
    received = []
    app.extensions["received_webhooks"] = received
    lock = Lock()

    @app.post("/webhook")
    @signed
    def webhook(raw):
        try:
            data = json.loads(raw)
        except ValueError:
            return jsonify(message="signed body is not valid JSON"), 400
        with lock:
            received.append({
                "seq": len(received) + 1,
                "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "event": data,
            })
            seq = len(received)
        return jsonify(accepted=True, seq=seq), 200

    @app.get("/admin/events")
    def admin_events():
        with lock:
            return jsonify(list(received))

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
