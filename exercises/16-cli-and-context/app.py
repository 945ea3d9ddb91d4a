"""Lesson 16: a notes app you run from the terminal (`flask init-db`, `flask add-note ...`)
and from the browser (`GET /notes`), both working on the database named in the config."""

import os

import click  # noqa: F401  (you will need it for the commands)
from flask import Flask, jsonify

import database


def create_app(config=None):
    app = Flask(__name__)
    # The default database lives in the instance folder (instance/ beside app.py). The checks
    # pass their own DATABASE, in a temporary folder: never write a path into the code.
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "notes.sqlite"))
    if config:
        app.config.from_mapping(config)

    database.init_app(app)
    register_routes(app)
    register_commands(app)
    return app


def register_routes(app: Flask) -> None:
    @app.get("/notes")
    def list_notes():
        # TODO: every note as a JSON list of {"id": ..., "text": ...}, oldest first
        #       (database.list_notes() does the work).
        return jsonify(error="GET /notes is not written yet: see app.py"), 501

    @app.post("/notes")
    def create_note():
        # TODO: read {"text": "..."} with request.get_json(silent=True) HERE, in the view.
        #       Missing or blank text: 400 with a JSON error. Otherwise pass the text to
        #       database.add_note(text) and answer the new note with 201.
        return jsonify(error="POST /notes is not written yet: see app.py"), 501


def register_commands(app: Flask) -> None:
    # TODO: four commands, each a function under @app.cli.command("name"):
    #
    #   flask init-db             database.init_db(), then print "Initialized the database."
    #   flask greet NAME          print "Hello, NAME!"; with --shout, "HELLO, NAME!"
    #                             (@click.argument("name"), @click.option("--shout", is_flag=True))
    #   flask add-note TEXT       database.add_note(text), and say so
    #   flask stats               print the database path (current_app.config["DATABASE"])
    #                             and the number of notes (database.count_notes())
    #
    # A command runs inside an application context but never inside a request: no `request`
    # in here. Print with click.echo(...).
    pass


if __name__ == "__main__":
    create_app().run(debug=True)
