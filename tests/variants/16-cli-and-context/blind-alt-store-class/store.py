"""A tiny extension: NoteStore(app) hooks itself into the app; the data lives in SQLite."""

import os
import sqlite3

from flask import Flask, current_app, g


def _dict_row(cursor, row):
    return {col[0]: value for col, value in zip(cursor.description, row)}


class NoteStore:
    schema = (
        "CREATE TABLE IF NOT EXISTS notes ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " text TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS notes_by_id ON notes (id);"
    )

    def __init__(self, app: Flask | None = None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        app.extensions["note_store"] = self
        app.teardown_appcontext(self.teardown)

    @property
    def db(self) -> sqlite3.Connection:
        if "note_store_db" not in g:
            path = current_app.config["DATABASE"]
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            conn = sqlite3.connect(path)
            conn.row_factory = _dict_row
            g.note_store_db = conn
        return g.note_store_db

    def teardown(self, exc=None) -> None:
        conn = g.pop("note_store_db", None)
        if conn is not None:
            conn.close()

    def create(self) -> None:
        self.db.executescript(self.schema)

    def add(self, text: str) -> dict:
        cur = self.db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        self.db.commit()
        return {"id": cur.lastrowid, "text": text}

    def all(self) -> list[dict]:
        return self.db.execute("SELECT id, text FROM notes ORDER BY id").fetchall()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) AS n FROM notes").fetchone()["n"]


def store() -> NoteStore:
    return current_app.extensions["note_store"]


def count_notes() -> int:
    """The number of notes in the current app's database (needs an app context only)."""
    return store().count()
