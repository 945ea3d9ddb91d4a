"""Notes with a class-based view and commands on app.cli."""

import os

import click
from flask import Flask, current_app, jsonify, request
from flask.views import MethodView

import database


class NotesAPI(MethodView):
    def get(self):
        return jsonify(database.list_notes()), 200

    def post(self):
        try:
            payload = request.get_json(force=True)
        except Exception:
            payload = None
        text = payload.get("text") if type(payload) is dict else None
        if type(text) is not str or len(text.strip()) == 0:
            return {"error": "a non-blank 'text' is required"}, 400
        note = database.add_note(text.strip())
        return note, 201


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping({"DATABASE": os.path.join(app.instance_path, "notes.sqlite")})
    app.config.from_mapping(config or {})
    database.init_app(app)
    app.add_url_rule("/notes", view_func=NotesAPI.as_view("notes"))

    @app.cli.command()
    def init_db():
        """Create tables (idempotent)."""
        database.init_db()
        click.echo("Initialized the database.")

    @app.cli.command()
    @click.option("--shout", is_flag=True, default=False)
    @click.argument("name", required=True)
    def greet(shout, name):
        """Say hello."""
        message = "Hello, " + name + "!"
        click.echo(message.upper() if shout else message)

    @app.cli.command()
    @click.argument("text", nargs=1)
    def add_note(text):
        """Store a note."""
        if not text.strip():
            raise click.UsageError("TEXT must not be blank")
        note = database.add_note(text.strip())
        click.echo(f"Note {note['id']} saved.")

    @app.cli.command()
    def stats():
        """Database location and size."""
        db_path = current_app.config["DATABASE"]
        click.echo(f"{db_path}: {database.count_notes()} note(s)")

    return app
