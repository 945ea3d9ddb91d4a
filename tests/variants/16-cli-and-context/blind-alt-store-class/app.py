"""Notes app: factory, routes; commands and storage live in their own modules."""

import os

from flask import Flask, jsonify, request

import commands
from store import NoteStore, store


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    defaults = {"DATABASE": os.path.join(app.instance_path, "notes.sqlite")}
    app.config.from_mapping({**defaults, **(config or {})})
    NoteStore(app)
    commands.register(app)

    @app.get("/notes")
    def get_notes():
        return jsonify(store().all())

    @app.post("/notes")
    def post_note():
        body = request.get_json(silent=True)
        text = body.get("text") if isinstance(body, dict) else None
        if isinstance(text, str) and text.strip():
            return jsonify(store().add(text.strip())), 201
        return jsonify(error="send {\"text\": \"...\"} with a non-blank string"), 400

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
