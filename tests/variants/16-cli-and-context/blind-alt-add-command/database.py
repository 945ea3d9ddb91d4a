"""Notes storage. Only the application context is needed: never the request."""

import os
import sqlite3

from flask import current_app, g

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS notes ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " text TEXT NOT NULL)"
)


def get_db():
    conn = g.get("_db")
    if conn is None:
        path = current_app.config["DATABASE"]
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            os.makedirs(folder)
        conn = g._db = sqlite3.connect(path)
    return conn


def close_db(_exc=None):
    conn = g.pop("_db", None)
    if conn is not None:
        conn.close()


def init_db():
    conn = get_db()
    conn.execute(SCHEMA)
    conn.commit()


def add_note(text):
    conn = get_db()
    with conn:  # commits on success
        cur = conn.execute("INSERT INTO notes (text) VALUES (?)", (text,))
    return {"id": cur.lastrowid, "text": text}


def list_notes():
    return [
        {"id": note_id, "text": text}
        for note_id, text in get_db().execute("SELECT id, text FROM notes ORDER BY id ASC")
    ]


def count_notes():
    (n,) = get_db().execute("SELECT COUNT(id) FROM notes").fetchone()
    return int(n)


def init_app(app):
    app.teardown_appcontext(close_db)
