"""Lesson 16: a notes app you run from the terminal (`flask init-db`, `flask add-note ...`)
and from the browser (`GET /notes`), both working on the database named in the config."""

import os

import click
from flask import Flask, current_app, jsonify, request

import database


def create_app(config=None):
    app = Flask(__name__)
    # The default database lives in the instance folder (instance/ beside app.py): data, not
    # code. `flaskcourse serve` and `flask --app app init-db` both use this default, so they
    # see the same notes. The checks pass their own DATABASE, in a temporary folder.
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "notes.sqlite"))
    if config:
        app.config.from_mapping(config)

    database.init_app(app)
    register_routes(app)
    # Commands belong to the app, like routes: registered here, they exist for every app the
    # factory builds, and `flask --app app --help` lists them.
    register_commands(app)
    return app


def register_routes(app: Flask) -> None:
    @app.get("/notes")
    def list_notes():
        return jsonify(database.list_notes())

    @app.post("/notes")
    def create_note():
        # The request is read here, in the view, where a request context is guaranteed...
        data = request.get_json(silent=True)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return jsonify(error="Send a JSON object with a non-empty text."), 400
        # ...and the helper only gets the value. The add-note command calls the same helper.
        return jsonify(database.add_note(text.strip())), 201


def register_commands(app: Flask) -> None:
    # @app.cli.command runs the function inside an application context (current_app, g and
    # the database work) but never inside a request: there is no request on the command line.

    @app.cli.command("init-db")
    def init_db_command():
        """Create the notes table (safe to run again: existing notes are kept)."""
        database.init_db()
        click.echo("Initialized the database.")

    @app.cli.command("greet")
    @click.argument("name")
    @click.option("--shout", is_flag=True, help="Greet in capitals.")
    def greet_command(name, shout):
        """Say hello to NAME."""
        greeting = f"Hello, {name}!"
        click.echo(greeting.upper() if shout else greeting)

    @app.cli.command("add-note")
    @click.argument("text")
    def add_note_command(text):
        """Store TEXT as a new note."""
        if not text.strip():
            # BadParameter is a usage error: click prints it with the usage line, exit code 2.
            raise click.BadParameter("the note is empty.", param_hint="TEXT")
        note = database.add_note(text.strip())
        click.echo(f"Added note {note['id']}.")

    @app.cli.command("stats")
    def stats_command():
        """Show how many notes the configured database holds."""
        click.echo(f"Database: {current_app.config['DATABASE']}")
        click.echo(f"Notes: {database.count_notes()}")


if __name__ == "__main__":
    create_app().run(debug=True)
