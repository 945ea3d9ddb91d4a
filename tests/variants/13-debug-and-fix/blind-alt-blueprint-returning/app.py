"""The users API in a blueprint; INSERT ... RETURNING hands back the new row."""

import os
import sqlite3

from flask import Blueprint, Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

bp = Blueprint("users", __name__)


def db():
    conn = g.get("_users_db")
    if conn is None:
        conn = g._users_db = sqlite3.connect(current_app.config["DATABASE"])
        conn.row_factory = sqlite3.Row
    return conn


def teardown(_exc):
    conn = g.pop("_users_db", None)
    if conn is not None:
        conn.close()


def fail(status, message, **extra):
    return jsonify({"error": message, **extra}), status


def looks_like_email(text):
    local, at, domain = text.partition("@")
    return (bool(local) and at == "@" and "@" not in domain and "." in domain.strip(".")
            and not any(ch.isspace() for ch in text))


@bp.get("/users")
def index():
    return jsonify([dict(r) for r in db().execute("SELECT id, name, email FROM users ORDER BY id")])


@bp.post("/users")
def create():
    payload = request.get_json(silent=True)
    if type(payload) is not dict:
        return fail(422, "expected a JSON object", fields={"name": "required", "email": "required"})
    errors = {}
    for field in ("name", "email"):
        value = payload.get(field)
        if not isinstance(value, str) or value.strip() == "":
            errors[field] = "required"
    if "email" not in errors and not looks_like_email(payload["email"].strip()):
        errors["email"] = "invalid"
    if errors:
        return fail(422, "invalid user", fields=errors)
    conn = db()
    try:
        row = conn.execute("INSERT INTO users (name, email) VALUES (?, ?) RETURNING id, name, email",
                           (payload["name"].strip(), payload["email"].strip())).fetchone()
        conn.commit()
    except sqlite3.IntegrityError:
        conn.rollback()
        return fail(409, "email already in use", field="email")
    user = dict(row)
    return jsonify(user), 201, {"Location": f"/users/{user['id']}"}


@bp.get("/users/<int:user_id>")
def show(user_id):
    row = db().execute("SELECT id, name, email FROM users WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        return fail(404, f"user {user_id} does not exist")
    return jsonify(dict(row))


@bp.delete("/users/<int:user_id>")
def destroy(user_id):
    conn = db()
    gone = conn.execute("DELETE FROM users WHERE id = ?", (user_id,)).rowcount
    conn.commit()
    if not gone:
        return fail(404, f"user {user_id} does not exist")
    return "", 204


@bp.app_errorhandler(HTTPException)
def any_http_error(exc):
    body, status = fail(exc.code, exc.description)
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    return body, status, headers


def create_app(config=None):
    app = Flask(__name__)
    settings = {"DATABASE": os.path.join(app.instance_path, "users.db")}
    settings.update(config or {})
    app.config.update(settings)
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    setup = sqlite3.connect(app.config["DATABASE"])
    with setup:
        setup.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                      " name TEXT NOT NULL, email TEXT NOT NULL UNIQUE)")
    setup.close()
    app.teardown_appcontext(teardown)
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
