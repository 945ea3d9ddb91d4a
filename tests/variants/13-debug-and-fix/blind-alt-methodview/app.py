"""The users API as a MethodView. The connection is opened before each request and closed
after it; errors are an exception class rendered by one handler."""

import os
import re
import sqlite3

from flask import Flask, current_app, g, jsonify, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")


class ApiError(Exception):
    def __init__(self, status, message, **extra):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


def dict_factory(cursor, row):
    return {col[0]: value for col, value in zip(cursor.description, row)}


def open_db():
    g.conn = sqlite3.connect(current_app.config["DATABASE"])
    g.conn.row_factory = dict_factory


def close_db(exc=None):
    conn = g.pop("conn", None)
    if conn is not None:
        conn.close()


def load_user(user_id):
    user = g.conn.execute("SELECT id, name, email FROM users WHERE id = ?", (user_id,)).fetchone()
    if user is None:
        raise ApiError(404, f"user {user_id} not found")
    return user


class UsersAPI(MethodView):
    def get(self, user_id=None):
        if user_id is None:
            return jsonify(g.conn.execute("SELECT id, name, email FROM users ORDER BY id").fetchall())
        return jsonify(load_user(user_id))

    def post(self):
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}
        name, email = body.get("name"), body.get("email")
        bad = {}
        if not (isinstance(name, str) and name.strip()):
            bad["name"] = "must be a non-empty string"
        if not (isinstance(email, str) and email.strip()):
            bad["email"] = "must be a non-empty string"
        elif not EMAIL.match(email.strip()):
            bad["email"] = "must look like name@example.com"
        if bad:
            raise ApiError(422, "validation failed", fields=bad)
        try:
            with g.conn:  # commits, or rolls back on an exception
                cur = g.conn.execute("INSERT INTO users (name, email) VALUES (?, ?)",
                                     (name.strip(), email.strip()))
        except sqlite3.IntegrityError:
            raise ApiError(409, "that email is already taken", field="email") from None
        user = load_user(cur.lastrowid)
        location = url_for("user", user_id=user["id"], _external=True)
        return jsonify(user), 201, {"Location": location}

    def delete(self, user_id):
        with g.conn:
            cur = g.conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
        if cur.rowcount != 1:
            raise ApiError(404, f"user {user_id} not found")
        return "", 204


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "users.db"))
    if config is not None:
        app.config.from_mapping(config)

    path = app.config["DATABASE"]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "name TEXT NOT NULL, email TEXT NOT NULL UNIQUE)")
        conn.commit()
    finally:
        conn.close()

    app.before_request(open_db)
    app.teardown_request(close_db)

    # Two endpoints for one class: url_for("user", user_id=...) must build /users/<id>.
    app.add_url_rule("/users", view_func=UsersAPI.as_view("users"), methods=["GET", "POST"])
    app.add_url_rule("/users/<int:user_id>", view_func=UsersAPI.as_view("user"),
                     methods=["GET", "DELETE"])

    @app.errorhandler(ApiError)
    def api_error(err):
        return {"error": err.message, **err.extra}, err.status

    @app.errorhandler(HTTPException)
    def http_error(err):
        response = err.get_response()
        response.set_data(jsonify(error=err.description).get_data())
        response.content_type = "application/json"
        return response

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
