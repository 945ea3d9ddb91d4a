"""Notes from the terminal and from the web: the factory only wires the pieces together."""

from pathlib import Path

from flask import Flask

import notes_commands
import notes_store
import notes_views


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    # The default only applies when the caller gave no DATABASE of its own.
    app.config.setdefault("DATABASE", str(Path(app.instance_path) / "notes.sqlite"))

    notes_store.init_app(app)
    app.register_blueprint(notes_views.bp)
    app.register_blueprint(notes_commands.bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
