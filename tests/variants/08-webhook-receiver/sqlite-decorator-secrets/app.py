import functools
import hashlib
import hmac
import json
import os
import secrets
import sqlite3

from flask import Flask, current_app, g, request


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
    return g.db


def require_signature(view):
    @functools.wraps(view)
    def wrapper():
        header = request.headers.get("X-Webhook-Signature", "")
        key = current_app.config["WEBHOOK_SECRET"].encode()
        wanted = "sha256=" + hmac.new(key, request.data, hashlib.sha256).hexdigest()
        if not header.startswith("sha256=") or not secrets.compare_digest(
                header.encode("latin-1", "replace"), wanted.encode()):
            return {"error": "signature mismatch"}, 401
        return view()
    return wrapper


def create_app(config=None):
    app = Flask(__name__)
    app.config["WEBHOOK_SECRET"] = os.environ.get("WEBHOOK_SECRET", "dev-webhook-secret-change-me")
    app.config["DATABASE"] = os.path.join(app.instance_path, "events.sqlite")
    if config is not None:
        app.config.update(config)
    os.makedirs(os.path.dirname(app.config["DATABASE"]), exist_ok=True)
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, body TEXT)")

    @app.teardown_appcontext
    def close(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    @app.post("/webhook")
    @require_signature
    def webhook():
        try:
            payload = json.loads(request.data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {"error": "body must be JSON"}, 400
        db().execute("INSERT INTO events (body) VALUES (?)", (json.dumps(payload),))
        db().commit()
        return {"ok": True}

    @app.get("/admin/events")
    def events():
        rows = db().execute("SELECT id, body FROM events ORDER BY id").fetchall()
        return {"events": [{"id": i, "payload": json.loads(b)} for i, b in rows]}

    return app


if __name__ == "__main__":
    create_app().run()
