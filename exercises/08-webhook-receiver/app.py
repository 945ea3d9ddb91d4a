"""Lesson 08: a webhook receiver that trusts a request only when its signature checks out.

POST /webhook        verify X-Webhook-Signature (HMAC-SHA256 of the raw body), then record it
GET  /admin/events   the events received so far, oldest first
"""

import os
import threading

from flask import Flask, jsonify

# For development only: anyone who reads this file can sign requests with it. A real
# deployment sets WEBHOOK_SECRET in the environment (or passes it in the config).
DEV_WEBHOOK_SECRET = "dev-webhook-secret-change-me"


def create_app(config=None):
    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ.get("WEBHOOK_SECRET", DEV_WEBHOOK_SECRET)
    if config:
        app.config.from_mapping(config)

    # The events this app has received. It lives on the app, not in a module-level list, so
    # every app create_app() builds starts empty.
    app.extensions["webhook_events"] = {"events": [], "lock": threading.Lock()}

    @app.post("/webhook")
    def receive_webhook():
        # TODO 1. Take the raw body: request.get_data(). Not request.get_json(): the signature
        #         was computed over the exact bytes that were sent.
        # TODO 2. Check request.headers.get("X-Webhook-Signature") against the body with
        #         signatures.is_valid and current_app.config["WEBHOOK_SECRET"]. If it does not
        #         match: a JSON error with status 401. Do this before parsing the body.
        # TODO 3. Only then parse the body (json.loads); not JSON: a JSON error with status 400.
        # TODO 4. Record {"id": ..., "received_at": ..., "payload": ...} in the app's list
        #         (hold the lock while you append) and answer 200 with a small JSON body.
        return jsonify(error="POST /webhook is not written yet: see the TODOs in app.py"), 501

    @app.get("/admin/events")
    def list_events():
        # TODO 5. Answer {"events": [...], "count": n} with the recorded events, oldest first.
        return jsonify(error="GET /admin/events is not written yet: see the TODOs in app.py"), 501

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
