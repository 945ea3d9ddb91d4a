"""SQLite helpers for the notes app (application context only)."""

from pathlib import Path
import sqlite3

from flask import current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);
"""


def get_db():
    if "notes_conn" not in g:
        path = Path(current_app.config["DATABASE"])
        path.parent.mkdir(parents=True, exist_ok=True)
        g.notes_conn = sqlite3.connect(str(path), detect_types=0)
        g.notes_conn.row_factory = sqlite3.Row
    return g.notes_conn


def close_db(error=None):
    conn = g.pop("notes_conn", None)
    if conn:
        conn.close()


def init_db():
    get_db().executescript(SCHEMA)


def add_note(text):
    db = get_db()
    new_id = db.execute("INSERT INTO notes(text) VALUES (?) RETURNING id", (text,)).fetchone()[0]
    db.commit()
    return {"id": new_id, "text": text}


def list_notes():
    return [dict(r) for r in get_db().execute("SELECT id, text FROM notes ORDER BY id")]


def count_notes():
    return len(get_db().execute("SELECT id FROM notes").fetchall())


def init_app(app):
    app.teardown_appcontext(close_db)
