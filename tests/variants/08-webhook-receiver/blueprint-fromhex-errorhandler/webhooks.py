import hashlib
import hmac
import re
import threading
from hmac import compare_digest

from flask import Blueprint, abort, current_app, jsonify, request

bp = Blueprint("webhooks", __name__)
SIGNATURE = re.compile(r"sha256=([0-9a-f]{64})")


class EventLog:
    def __init__(self):
        self._events = []
        self._lock = threading.Lock()

    def add(self, payload):
        with self._lock:
            self._events.append({"seq": len(self._events) + 1, "data": payload})
            return len(self._events)

    def all(self):
        with self._lock:
            return list(self._events)


def signature_ok(body):
    match = SIGNATURE.fullmatch(request.headers.get("X-Webhook-Signature", ""))
    if match is None:
        return False
    key = current_app.config["WEBHOOK_SECRET"].encode()
    return compare_digest(bytes.fromhex(match[1]), hmac.new(key, body, hashlib.sha256).digest())


@bp.route("/webhook", methods=["POST"])
def webhook():
    body = request.get_data()
    if not signature_ok(body):
        abort(401, "bad signature")
    payload = request.get_json(silent=True)
    if payload is None:
        abort(400, "expected a JSON body")
    seq = current_app.extensions["event_log"].add(payload)
    return {"status": "accepted", "seq": seq}, 202


@bp.route("/admin/events")
def events():
    return jsonify(current_app.extensions["event_log"].all())
