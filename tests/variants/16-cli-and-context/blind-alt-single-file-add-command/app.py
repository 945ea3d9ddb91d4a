"""Lesson 16 in one file: helpers, routes and commands."""

import os
import sqlite3
import sys

import click
from flask import Flask, current_app, g, jsonify, request
from flask.cli import with_appcontext

HERE = os.path.dirname(os.path.abspath(__file__))


# --- the database -------------------------------------------------------------------------

def get_db():
    if "conn" not in g:
        path = current_app.config["DATABASE"]
        folder = os.path.dirname(path)
        if folder and not os.path.isdir(folder):
            os.makedirs(folder)
        g.conn = sqlite3.connect(path)
    return g.conn


def close_db(exc=None):
    conn = g.pop("conn", None)
    if conn is not None:
        conn.close()


def create_tables():
    with get_db() as conn:  # commits on success
        conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def insert_note(text):
    with get_db() as conn:
        new_id = conn.execute("INSERT INTO notes (text) VALUES (?)", (text,)).lastrowid
    return {"id": new_id, "text": text}


def fetch_notes():
    rows = get_db().execute("SELECT id, text FROM notes ORDER BY id").fetchall()
    return [dict(zip(("id", "text"), row)) for row in rows]


def count_notes():
    return get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]


# --- the commands -------------------------------------------------------------------------

@click.command()
@with_appcontext
def init_db():
    """Create the notes table (keeps existing notes)."""
    create_tables()
    click.echo("Initialized the database.")


@click.command()
@click.argument("name")
@click.option("-s", "--shout", is_flag=True, default=False)
@with_appcontext
def greet(name, shout):
    """Greet NAME, optionally loudly."""
    text = f"Hello, {name}!"
    click.echo(text.upper() if shout else text)


@click.command()
@click.argument("text")
@with_appcontext
def add_note(text):
    """Store TEXT as a note."""
    text = text.strip()
    if not text:
        click.echo("Refusing to store an empty note.", err=True)
        sys.exit(1)
    note = insert_note(text)
    click.echo(f"Note {note['id']} added.")


@click.command()
@with_appcontext
def stats():
    """Print the database file and the number of notes."""
    click.echo(f"path: {current_app.config['DATABASE']}")
    click.echo(f"count: {count_notes()}.")


# --- the app ------------------------------------------------------------------------------

def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(HERE, "instance", "notes.sqlite")
    if config is not None:
        app.config.update(config)
    app.teardown_appcontext(close_db)

    @app.route("/notes", methods=["GET"])
    def notes_index():
        return jsonify(fetch_notes()), 200

    @app.route("/notes", methods=["POST"])
    def notes_create():
        payload = request.get_json(force=True, silent=True)
        if type(payload) is not dict:
            return jsonify({"error": "expected a JSON object"}), 400
        text = payload.get("text")
        if not isinstance(text, str) or text.strip() == "":
            return jsonify({"error": "text must be a non-blank string"}), 400
        return jsonify(insert_note(text.strip())), 201

    for command in (init_db, greet, add_note, stats):
        app.cli.add_command(command)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
