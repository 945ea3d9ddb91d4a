"""Lesson 08: a webhook receiver that trusts a request only when its signature checks out.

POST /webhook        verify X-Webhook-Signature (HMAC-SHA256 of the raw body), then record it
GET  /admin/events   the events received so far, oldest first
"""

import json
import os
import threading
from datetime import datetime, timezone

from flask import Flask, current_app, jsonify, request

from signatures import is_valid

# The secret every sender shares with us. This one is for development only: it is written in
# this file, so everyone who has read the file can sign requests. A real deployment sets the
# WEBHOOK_SECRET environment variable (or passes it in the config) to a long random value.
DEV_WEBHOOK_SECRET = "dev-webhook-secret-change-me"


def create_app(config=None):
    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ.get("WEBHOOK_SECRET", DEV_WEBHOOK_SECRET)
    if config:
        app.config.from_mapping(config)

    # The event log belongs to this app, not to the module: every app create_app() builds (each
    # test, each tenant) starts empty. The lock keeps ids unique when the server runs threads.
    app.extensions["webhook_events"] = {"events": [], "lock": threading.Lock()}

    @app.post("/webhook")
    def receive_webhook():
        # 1. The raw bytes, exactly as they arrived. The signature was computed over these
        #    bytes; request.get_json() would give us a parsed dict, and dumping it again gives
        #    other bytes (other spacing, other key order, other escapes), so other HMACs.
        body = request.get_data()

        # 2. Verify before doing anything else with the body, before even parsing it: until
        #    then it is a message from a stranger. The secret is read from config on every
        #    request, so each app (and each deployment) uses its own.
        secret = current_app.config["WEBHOOK_SECRET"]
        if not is_valid(secret, body, request.headers.get("X-Webhook-Signature")):
            # 401: the sender has not proven who it is. (403 would mean "I know who you are,
            # and you may not do this".) Say nothing about what exactly was wrong.
            return jsonify(error="invalid or missing signature"), 401

        # 3. Now it is safe to parse. The signature proves who sent it, not that it is JSON.
        try:
            payload = json.loads(body)
        except ValueError:  # bad JSON, or bytes that are not UTF-8 text
            return jsonify(error="the body is not valid JSON"), 400

        store = current_app.extensions["webhook_events"]
        with store["lock"]:
            event = {
                "id": len(store["events"]) + 1,
                "received_at": datetime.now(timezone.utc).isoformat(),
                "payload": payload,
            }
            store["events"].append(event)
        # Answer fast: a sender waits for this reply and retries when it is slow.
        return jsonify(received=True, id=event["id"]), 200

    @app.get("/admin/events")
    def list_events():
        # In a real app this page would sit behind a login (lesson 10): it shows every payload.
        store = current_app.extensions["webhook_events"]
        with store["lock"]:
            events = list(store["events"])
        return jsonify(events=events, count=len(events))

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
