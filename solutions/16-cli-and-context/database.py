"""The notes database: one SQLite file, reached through the application context.

Nothing in this module reads `request`. Every function works wherever an application context
is active: inside a view, inside a `flask` command, or in a script under
`with app.app_context():`. The data a function needs comes in as an argument; which database
to use comes from `current_app.config`.
"""

import os
import sqlite3

from flask import Flask, current_app, g

# IF NOT EXISTS makes `flask init-db` safe to run again and again: the second run finds the
# table and leaves it (and the notes in it) alone. A "reset" that wipes everything would be a
# separate, clearly named command, never the side effect of a setup step.
SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL
);
"""


def get_db() -> sqlite3.Connection:
    """This app context's connection, opened on first use and reused after that.

    `g` belongs to the application context: a request gets a fresh one, and so does each
    `flask` command. Caching the connection there means one connection per request or per
    command, never one shared by two threads, and close_db() knows exactly what to close.
    """
    if "db" not in g:
        path = current_app.config["DATABASE"]
        # The default lives in the instance folder, which may not exist yet.
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        g.db = sqlite3.connect(path)
        g.db.row_factory = sqlite3.Row  # rows that read like dicts: row["text"]
    return g.db


def close_db(exception: BaseException | None = None) -> None:
    """Close this context's connection, if it opened one (Flask calls it on teardown)."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db() -> None:
    """Create the tables that do not exist yet; existing data is kept."""
    get_db().executescript(SCHEMA)


def add_note(text: str) -> dict:
    """Store a note and return it. The text is an argument: the caller got it from wherever
    it came from (a command-line argument, a JSON body), and this function does not care."""
    db = get_db()
    cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
    db.commit()  # without it the note vanishes when the connection closes at teardown
    return {"id": cursor.lastrowid, "text": text}


def list_notes() -> list[dict]:
    """Every note, oldest first."""
    rows = get_db().execute("SELECT id, text FROM notes ORDER BY id").fetchall()
    return [{"id": row["id"], "text": row["text"]} for row in rows]


def count_notes() -> int:
    """How many notes there are. Callable outside any request, under an app context alone:

        with app.app_context():
            print(count_notes())
    """
    return get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]


def init_app(app: Flask) -> None:
    """Hook the database into an app: close the connection whenever an app context ends."""
    app.teardown_appcontext(close_db)
