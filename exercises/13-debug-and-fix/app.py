"""Lesson 13: a users API that "works on my machine". It does not. Find the bugs and fix them.

    GET    /users          every user
    POST   /users          create a user from {"name": ..., "email": ...}
    GET    /users/<id>     one user
    DELETE /users/<id>     remove a user

It starts (`python app.py`, `flask --app app run`), but try it with curl and read what the
server prints: the first request already ends in a traceback. The hidden checks
(`flaskcourse check`) are your bug list. Fix one problem at a time, re-run, repeat.

The database is instance/users.db unless the config passed to create_app() names another
file in config["DATABASE"] (the checks do: each one gets its own temporary database).
"""

import os
import sqlite3

from flask import Flask, jsonify, request

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE
)
"""

# One connection for the whole program, opened once. Saves time, right?
conn = None


def create_app(config=None):
    global conn

    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(app.instance_path, "users.db")
    if config:
        app.config.update(config)

    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.execute(SCHEMA)
    conn.commit()

    @app.route("/users")
    def list_users():
        users = conn.execute("SELECT * FROM users").fetchall()
        return jsonify(users)

    @app.route("/users", methods=["POST"])
    def create_user():
        data = request.json
        conn.execute("INSERT INTO users (name, email) VALUES (?, ?)",
                     (data["name"], data["email"]))
        conn.commit()
        return jsonify({"created": True}), 200

    @app.route("/users/<id>")
    def get_user(id):
        user = conn.execute("SELECT * FROM users WHERE id = ?", (id,)).fetchone()
        return jsonify(user)

    @app.route("/users/<id>", methods=["DELETE"])
    def delete_user(id):
        conn.execute("DELETE FROM users WHERE id = ?", (id,))
        conn.commit()
        return jsonify({"success": True, "deleted": id}), 200

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
