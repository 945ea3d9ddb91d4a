"""Lesson 13 with class-based views: the users API, one sqlite3 connection per request."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from flask import Flask, current_app, g, jsonify, make_response, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import HTTPException, NotFound

DDL = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE
)
"""
LOOKS_LIKE_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")


class Database:
    """Hands each app context its own connection to that app's DATABASE file."""

    def init_app(self, app: Flask) -> None:
        path = Path(app.config["DATABASE"])
        path.parent.mkdir(parents=True, exist_ok=True)
        setup = sqlite3.connect(path)
        try:
            setup.execute(DDL)
            setup.commit()
        finally:
            setup.close()
        app.teardown_appcontext(self.close)

    @property
    def conn(self) -> sqlite3.Connection:
        if "users_conn" not in g:
            conn = sqlite3.connect(current_app.config["DATABASE"])
            conn.row_factory = sqlite3.Row
            g.users_conn = conn
        return g.users_conn

    @staticmethod
    def close(_exc=None) -> None:
        conn = g.pop("users_conn", None)
        if conn is not None:
            conn.close()


database = Database()  # holds no connection itself: only g does


def user_json(row: sqlite3.Row) -> dict:
    return dict(row)


def fetch_user(user_id: int) -> sqlite3.Row:
    row = database.conn.execute("SELECT id, name, email FROM users WHERE id = ?",
                                (user_id,)).fetchone()
    if row is None:
        raise NotFound(f"User {user_id} does not exist.")
    return row


def check_fields(payload) -> tuple[dict, dict]:
    if not isinstance(payload, dict):
        payload = {}
    errors, clean = {}, {}
    name, email = payload.get("name"), payload.get("email")
    if isinstance(name, str) and name.strip():
        clean["name"] = name.strip()
    else:
        errors["name"] = "required"
    if not (isinstance(email, str) and email.strip()):
        errors["email"] = "required"
    elif not LOOKS_LIKE_EMAIL.match(email.strip()):
        errors["email"] = "invalid"
    else:
        clean["email"] = email.strip()
    return clean, errors


class UserList(MethodView):
    def get(self):
        rows = database.conn.execute("SELECT id, name, email FROM users ORDER BY id")
        return jsonify([user_json(r) for r in rows])

    def post(self):
        clean, errors = check_fields(request.get_json())
        if errors:
            return jsonify(error="Some fields are missing or invalid.", fields=errors), 422
        conn = database.conn
        try:
            with conn:  # commits, or rolls back on the exception
                cur = conn.execute("INSERT INTO users (name, email) VALUES (:name, :email)", clean)
        except sqlite3.IntegrityError:
            return jsonify(error="email already registered", fields={"email": "taken"}), 409
        user = user_json(fetch_user(cur.lastrowid))
        response = make_response(jsonify(user), 201)
        response.headers["Location"] = url_for("user_item", user_id=user["id"], _external=True)
        return response


class UserItem(MethodView):
    def get(self, user_id: int):
        return jsonify(user_json(fetch_user(user_id)))

    def delete(self, user_id: int):
        conn = database.conn
        with conn:
            gone = conn.execute("DELETE FROM users WHERE id = ?", (user_id,)).rowcount
        if not gone:
            raise NotFound(f"User {user_id} does not exist.")
        return "", 204


def json_errors(exc: HTTPException):
    response = make_response(jsonify(error=exc.description, code=exc.code), exc.code)
    if exc.code == 405:
        allowed = exc.get_response().headers.get("Allow")
        if allowed:
            response.headers["Allow"] = allowed
    return response


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config["DATABASE"] = str(Path(app.instance_path) / "users.db")
    app.config.from_mapping(config or {})
    database.init_app(app)
    app.add_url_rule("/users", view_func=UserList.as_view("user_list"))
    app.add_url_rule("/users/<int:user_id>", view_func=UserItem.as_view("user_item"))
    app.register_error_handler(HTTPException, json_errors)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
