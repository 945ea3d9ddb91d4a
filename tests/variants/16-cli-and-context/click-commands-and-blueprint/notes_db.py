"""Notes storage: a fresh connection per call, closed at once; no g, no request."""

import sqlite3
from contextlib import closing
from pathlib import Path

import click
from flask import current_app


def connect():
    path = Path(current_app.config["DATABASE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return closing(sqlite3.connect(path))


def init_db():
    with connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        conn.commit()


def add_note(text):
    with connect() as conn:
        note_id = conn.execute("INSERT INTO notes (text) VALUES (?)", (text,)).lastrowid
        conn.commit()
    return {"id": note_id, "text": text}


def all_notes():
    with connect() as conn:
        return [{"id": i, "text": t} for i, t in conn.execute("SELECT id, text FROM notes ORDER BY id")]


def count_notes():
    with connect() as conn:
        return conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]


@click.command("init-db")
def init_db_command():
    """Create the notes table if it is missing."""
    init_db()
    print("Initialized the database.")


@click.command("greet")
@click.argument("who")
@click.option("--shout/--no-shout", default=False)
def greet_command(who, shout):
    """Greet WHO."""
    message = "Hello, %s!" % who
    print(message.upper() if shout else message)


@click.command("add-note")
@click.argument("words", nargs=-1, required=True)
def add_note_command(words):
    """Store a note (the words are joined with spaces)."""
    text = " ".join(words).strip()
    if not text:
        raise click.UsageError("the note is empty")
    note = add_note(text)
    print("Note #%d saved." % note["id"])


@click.command("stats")
def stats_command():
    """Where the notes are, and how many."""
    print("%d notes in %s" % (count_notes(), current_app.config["DATABASE"]))


def init_app(app):
    for command in (init_db_command, greet_command, add_note_command, stats_command):
        app.cli.add_command(command)
