"""Lesson 08 with a class-based view."""

import json
import os
from datetime import datetime, timezone
from threading import RLock

from flask import Flask, current_app, jsonify, request
from flask.views import MethodView

import signatures


class WebhookAPI(MethodView):
    def post(self):
        body = request.get_data(cache=False)
        header = request.headers.get("X-Webhook-Signature")
        if not signatures.is_valid(current_app.config["WEBHOOK_SECRET"], body, header):
            return jsonify({"error": "unauthorized", "detail": "bad or missing X-Webhook-Signature"}), 401
        try:
            payload = json.loads(body)
        except ValueError:
            return jsonify({"error": "bad_request", "detail": "body is not JSON"}), 400
        state = current_app.extensions["webhooks"]
        with state["lock"]:
            number = len(state["log"]) + 1
            state["log"].append({
                "id": number,
                "received_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "payload": payload,
            })
        return jsonify({"received": True, "id": number})


class EventsAPI(MethodView):
    def get(self):
        state = current_app.extensions["webhooks"]
        with state["lock"]:
            log = [dict(entry) for entry in state["log"]]
        return jsonify({"count": len(log), "events": log})


def create_app(config=None):
    app = Flask(__name__)
    settings = {"WEBHOOK_SECRET": os.getenv("WEBHOOK_SECRET") or "dev-webhook-secret-change-me"}
    settings.update(config or {})
    app.config.from_mapping(settings)
    app.extensions["webhooks"] = {"log": [], "lock": RLock()}
    app.add_url_rule("/webhook", view_func=WebhookAPI.as_view("webhook"))
    app.add_url_rule("/admin/events", view_func=EventsAPI.as_view("events"))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
