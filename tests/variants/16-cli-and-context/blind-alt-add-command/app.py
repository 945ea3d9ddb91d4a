"""Notes: commands written as plain click commands, added to the app with add_command."""

import os

import click
from flask import Flask, abort, current_app, jsonify, request
from flask.cli import with_appcontext
from werkzeug.exceptions import HTTPException

import database


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the notes table if it is missing."""
    database.init_db()
    click.echo("Initialized the database.")


@click.command("greet")
@click.argument("name")
@click.option("--shout/--no-shout", default=False, help="Use capitals.")
@with_appcontext
def greet_command(name, shout):
    """Greet NAME."""
    text = "Hello, %s!" % name
    if shout:
        text = text.upper()
    print(text)


@click.command("add-note")
@click.argument("text")
@with_appcontext
def add_note_command(text):
    """Add a note."""
    if text.strip() == "":
        raise click.ClickException("A note cannot be empty.")
    note = database.add_note(text.strip())
    print("Stored note #%d" % note["id"])


@click.command("stats")
@with_appcontext
def stats_command():
    """Print the database file and how many notes it has."""
    print("database file:", current_app.config["DATABASE"])
    print("note count:", database.count_notes())


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(app.instance_path, "notes.sqlite")
    app.config.update(config or {})
    database.init_app(app)

    for command in (init_db_command, greet_command, add_note_command, stats_command):
        app.cli.add_command(command)

    @app.errorhandler(HTTPException)
    def as_json(err):
        return jsonify(error=err.description), err.code

    @app.route("/notes", methods=["GET", "POST"])
    def notes():
        if request.method == "GET":
            return jsonify(database.list_notes())
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400, "Expected a JSON object.")
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            abort(400, "text is required.")
        return jsonify(database.add_note(text.strip())), 201

    return app
