"""Lesson 13, repaired with class-based views and a connection per request."""

import os
import sqlite3

from flask import Flask, current_app, g, request, url_for
from flask.views import MethodView


class APIError(Exception):
    def __init__(self, status, message, field=None):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def open_connection():
    g.conn = sqlite3.connect(current_app.config["DATABASE"])


def close_connection(exc):
    conn = g.pop("conn", None)
    if conn is not None:
        conn.close()


def row_to_user(row):
    return {"id": row[0], "name": row[1], "email": row[2]}


def load(user_id):
    row = g.conn.execute("SELECT id, name, email FROM users WHERE id = ?", (user_id,)).fetchone()
    if not row:
        raise APIError(404, f"user {user_id} not found")
    return row_to_user(row)


def looks_like_email(value):
    local, at, domain = value.partition("@")
    return bool(local) and at == "@" and "." in domain and not domain.startswith(".") \
        and not domain.endswith(".") and " " not in value


class UserList(MethodView):
    def get(self):
        rows = g.conn.execute("SELECT id, name, email FROM users ORDER BY id")
        return [row_to_user(r) for r in rows]

    def post(self):
        data = request.get_json(silent=True)
        if type(data) is not dict:
            raise APIError(422, "expected a JSON object with name and email", "name, email")
        for field in ("name", "email"):
            value = data.get(field)
            if not isinstance(value, str) or not value.strip():
                raise APIError(422, f"{field} is required, as a non-empty string", field)
        name, email = data["name"].strip(), data["email"].strip()
        if not looks_like_email(email):
            raise APIError(422, "email is not a valid address", "email")
        if g.conn.execute("SELECT 1 FROM users WHERE email = ?", (email,)).fetchone():
            raise APIError(409, "email is already taken", "email")
        try:
            with g.conn:  # commits, or rolls back on an exception
                cur = g.conn.execute("INSERT INTO users (name, email) VALUES (?, ?)", (name, email))
        except sqlite3.IntegrityError:  # lost a race with another request
            raise APIError(409, "email is already taken", "email")
        response = current_app.json.response(load(cur.lastrowid))
        response.status_code = 201
        response.headers["Location"] = url_for("user", user_id=cur.lastrowid)
        return response


class UserItem(MethodView):
    def get(self, user_id):
        return load(user_id)

    def delete(self, user_id):
        load(user_id)
        with g.conn:
            g.conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
        return current_app.response_class(status=204)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DATABASE=os.path.join(app.instance_path, "users.db"))
    app.config.update(config or {})
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    setup = sqlite3.connect(app.config["DATABASE"])
    setup.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, email TEXT NOT NULL UNIQUE)")
    setup.commit()
    setup.close()

    app.before_request(open_connection)
    app.teardown_request(close_connection)
    app.add_url_rule("/users", view_func=UserList.as_view("users"))
    app.add_url_rule("/users/<int:user_id>", view_func=UserItem.as_view("user"))

    @app.errorhandler(APIError)
    def api_error(error):
        return {"message": error.message, "field": error.field}, error.status

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(415)
    def http_error(error):
        return {"message": error.description, "field": None}, error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
