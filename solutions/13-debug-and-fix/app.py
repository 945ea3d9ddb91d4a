"""Lesson 13 reference: the users API, debugged.

    GET    /users          every user, as a list of {"id", "name", "email"}   -> 200
    POST   /users          create from {"name", "email"}   -> 201 + the user + Location
    GET    /users/<id>     one user                        -> 200, or 404
    DELETE /users/<id>     remove a user                   -> 204 with no body, or 404

Bad input is a 422 naming the field, a taken email a 409, and every error is JSON.

The database is instance/users.db unless the config passed to create_app() names another
file in config["DATABASE"]. Run it with `python app.py` or `flask --app app run`.
"""

import os
import re
import sqlite3
from contextlib import closing

from flask import Flask, abort, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE
)
"""

# Good enough to catch typos ("ada.example.com", "ada@"), not a full RFC 5322 parser: the only
# real proof that an address works is a mail that arrives.
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


# ----------------------------------------------------------------------------- the database
#
# Bug 1 was `conn = sqlite3.connect(...)` kept in a module global. The development server (and
# every real server) answers requests in several threads, and a sqlite3 connection refuses to
# be used by any thread but the one that opened it:
#     ProgrammingError: SQLite objects created in a thread can only be used in that same thread.
# Even with check_same_thread=False, one connection means one transaction shared by every
# request at once. So: one connection per request, kept in `g` (which lives exactly as long as
# the request's app context) and closed when that context ends.


def get_db():
    """This request's connection, opened on first use."""
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        # Rows that know their column names: dict(row) gives {"id": 1, "name": ..., ...}.
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exception=None):
    """Runs when the app context ends, after every request, even one that raised."""
    db = g.pop("db", None)
    if db is not None:
        db.close()  # anything not committed is rolled back here


def init_db(app):
    """Create the table if it is missing (existing rows are kept) and wire up close_db."""
    path = app.config["DATABASE"]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    # closing(): a sqlite3 connection's own `with` commits but does NOT close.
    with closing(sqlite3.connect(path)) as db:
        db.executescript(SCHEMA)
    app.teardown_appcontext(close_db)


# ------------------------------------------------------------------------------ the factory


def create_app(config=None):
    app = Flask(__name__)
    # The default first, the caller's config on top: bug 2 was a factory that ignored config,
    # so the tests wrote into the developer's own database.
    app.config["DATABASE"] = os.path.join(app.instance_path, "users.db")
    if config:
        app.config.update(config)

    init_db(app)
    register_routes(app)
    app.register_error_handler(HTTPException, http_error_as_json)
    return app


def http_error_as_json(error):
    """404, 405, 415 ... as JSON: an API client should never have to parse an HTML page."""
    response = error.get_response()  # keeps headers such as Allow on a 405
    response.data = jsonify(error=error.description, status=error.code).get_data()
    response.content_type = "application/json"
    return response


def error(status, message, **extra):
    return jsonify(error=message, status=status, **extra), status


def as_dict(row):
    """Bug 3: fetchall() gives rows, and jsonify turns a row into [1, "Ada", "ada@..."]. A
    client cannot tell which value is which; an object with field names it can."""
    return {"id": row["id"], "name": row["name"], "email": row["email"]}


def find_user(user_id):
    row = get_db().execute("SELECT id, name, email FROM users WHERE id = ?",
                           (user_id,)).fetchone()
    if row is None:
        abort(404, description=f"There is no user with id {user_id}.")
    return row


def validate(data):
    """What is wrong with a new user, as {field: message}; empty when all is well."""
    problems = {}
    for field in ("name", "email"):
        value = data.get(field)
        # isinstance first: {"name": 42} is valid JSON, and 42 has no .strip().
        if not isinstance(value, str) or not value.strip():
            problems[field] = "required: a non-empty string"
    if "email" not in problems and not EMAIL_PATTERN.fullmatch(data["email"].strip()):
        problems["email"] = "not an email address, e.g. ada@example.com"
    return problems


# ------------------------------------------------------------------------------- the routes


def register_routes(app):
    @app.get("/users")
    def list_users():
        rows = get_db().execute("SELECT id, name, email FROM users ORDER BY id").fetchall()
        return jsonify([as_dict(row) for row in rows])

    @app.post("/users")
    def create_user():
        # Bug 4: request.json answers a body that is not JSON with Flask's own HTML 415/400,
        # and data["name"] on a body without a name is a KeyError: a 500. silent=True gives
        # None for a non-JSON body; a JSON list or string is no better than no body at all.
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error(422, "Send a JSON object with name and email.",
                         fields={"name": "required", "email": "required"})
        problems = validate(data)
        if problems:
            return error(422, "Some fields are missing or invalid.", fields=problems)

        db = get_db()
        try:
            cursor = db.execute("INSERT INTO users (name, email) VALUES (?, ?)",
                                (data["name"].strip(), data["email"].strip()))
            db.commit()
        except sqlite3.IntegrityError:
            # Bug 5: the UNIQUE constraint is the only race-free duplicate check (two requests
            # could both SELECT "no such email" first). Its error is the client's fault: a 409.
            db.rollback()
            return error(409, "A user with this email already exists.", field="email")

        user = as_dict(find_user(cursor.lastrowid))
        # Bug 6: creating is 201 Created, and Location says where the new user now lives.
        return jsonify(user), 201, {"Location": url_for("get_user", user_id=user["id"])}

    # <int:...>: /users/abc is a 404 from the router, never a query with a string id.
    @app.get("/users/<int:user_id>")
    def get_user(user_id):
        return jsonify(as_dict(find_user(user_id)))

    @app.delete("/users/<int:user_id>")
    def delete_user(user_id):
        db = get_db()
        cursor = db.execute("DELETE FROM users WHERE id = ?", (user_id,))
        db.commit()
        if cursor.rowcount == 0:
            abort(404, description=f"There is no user with id {user_id}.")
        # Bug 7: 204 No Content means exactly that: no body at all, not even "{}".
        return "", 204


if __name__ == "__main__":
    create_app().run(debug=True)
