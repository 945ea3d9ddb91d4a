"""Notes in a blueprint: routes and top-level commands (cli_group=None) live together."""

import os

import click
from flask import Blueprint, Flask, current_app, jsonify, request

import database

bp = Blueprint("notes", __name__, cli_group=None)


def count_notes():
    """Number of notes; needs only an application context."""
    return database.get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]


def clean_text(payload):
    if not isinstance(payload, dict):
        return None
    value = payload.get("text")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


@bp.route("/notes", methods=["GET"])
def list_notes():
    return jsonify(database.list_notes())


@bp.route("/notes", methods=["POST"])
def create_note():
    text = clean_text(request.get_json(silent=True))
    if text is None:
        return jsonify({"error": "missing or blank text"}), 400
    return jsonify(database.add_note(text)), 201


@bp.cli.command("init-db")
def init_db_command():
    """Create the notes table; keeps existing notes."""
    database.init_db()
    click.echo("Initialized the database.")


@bp.cli.command("greet")
@click.argument("name")
@click.option("--shout", "loud", is_flag=True)
def greet_command(name, loud):
    """Greet someone."""
    line = f"Hello, {name}!"
    click.echo(line.upper() if loud else line)


@bp.cli.command("add-note")
@click.argument("text")
def add_note_command(text):
    """Add a note from the terminal."""
    text = text.strip()
    if not text:
        click.echo("Nothing to add.", err=True)
        raise SystemExit(1)
    click.echo("Added note {}.".format(database.add_note(text)["id"]))


@bp.cli.command("stats")
def stats_command():
    """Where the notes live and how many there are."""
    click.echo("Database: " + str(current_app.config["DATABASE"]))
    click.echo("Notes: " + str(count_notes()))


def create_app(config=None):
    app = Flask(__name__)
    settings = {"DATABASE": os.path.join(app.instance_path, "notes.sqlite")}
    settings.update(config or {})
    app.config.update(settings)
    database.init_app(app)
    app.register_blueprint(bp)
    return app
