"""Storage for notes. Works under any application context; never looks at a request."""

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL
);
"""

_KEY = "_notes_conn"


def connection() -> sqlite3.Connection:
    conn = g.get(_KEY)
    if conn is None:
        path = Path(current_app.config["DATABASE"])
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit, every statement is its own transaction.
        conn = sqlite3.connect(path, isolation_level=None)
        setattr(g, _KEY, conn)
    return conn


def _close(_exc=None) -> None:
    conn = g.pop(_KEY, None)
    if conn is not None:
        conn.close()


def create_schema() -> None:
    connection().executescript(SCHEMA)


def insert(text: str) -> dict:
    cur = connection().execute("INSERT INTO notes (text) VALUES (?)", (text,))
    return {"id": cur.lastrowid, "text": text}


def all_notes() -> list[dict]:
    cur = connection().execute("SELECT id, text FROM notes ORDER BY id ASC")
    return [{"id": i, "text": t} for i, t in cur]


def count_notes() -> int:
    (n,) = connection().execute("SELECT COUNT(id) FROM notes").fetchone()
    return int(n)


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
