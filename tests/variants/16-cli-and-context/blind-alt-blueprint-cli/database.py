"""Connection handling: one sqlite3 connection per application context."""

import os
import sqlite3

from flask import current_app, g

SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL);"


def get_db():
    try:
        return g.notes_db
    except AttributeError:
        path = current_app.config["DATABASE"]
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        g.notes_db = sqlite3.connect(path)
        return g.notes_db


def close_db(exception=None):
    db = g.pop("notes_db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    db.executescript(SCHEMA)


def add_note(text):
    db = get_db()
    note_id = db.execute("INSERT INTO notes (text) VALUES (?)", [text]).lastrowid
    db.commit()
    return {"id": note_id, "text": text}


def list_notes():
    rows = get_db().execute("SELECT id, text FROM notes").fetchall()
    rows.sort(key=lambda row: row[0])
    return [{"id": i, "text": t} for i, t in rows]


def init_app(app):
    app.teardown_appcontext(close_db)
