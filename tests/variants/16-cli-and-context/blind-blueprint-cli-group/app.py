"""Lesson 16: notes from the terminal and from the web, organised as one blueprint."""

import os

import click
from flask import Blueprint, Flask, current_app, jsonify, request

import database

bp = Blueprint("notes", __name__)


@bp.get("/notes")
def list_notes():
    return jsonify(database.list_notes())


@bp.post("/notes")
def create_note():
    data = request.get_json(silent=True)
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip():
        return jsonify(error="Send a JSON object with a non-empty text."), 400
    return jsonify(database.add_note(text.strip())), 201


# Commands hang off the blueprint too: registering the blueprint registers them.
@bp.cli.command("init-db")
def init_db_command():
    """Create the notes table (safe to run again)."""
    database.init_db()
    click.echo("Initialized the database.")


@bp.cli.command("greet")
@click.argument("name")
@click.option("--shout", is_flag=True, help="Greet in capitals.")
def greet_command(name, shout):
    """Say hello to NAME."""
    greeting = f"Hello, {name}!"
    click.echo(greeting.upper() if shout else greeting)


@bp.cli.command("add-note")
@click.argument("text")
def add_note_command(text):
    """Store TEXT as a new note."""
    if not text.strip():
        raise click.BadParameter("the note is empty.", param_hint="TEXT")
    note = database.add_note(text.strip())
    click.echo(f"Added note {note['id']}.")


@bp.cli.command("stats")
def stats_command():
    """Show how many notes the configured database holds."""
    click.echo(f"Database: {current_app.config['DATABASE']}")
    click.echo(f"Notes: {database.count_notes()}")


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "notes.sqlite"))
    if config:
        app.config.from_mapping(config)
    database.init_app(app)
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
