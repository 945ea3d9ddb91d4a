import os

import click
from flask import Flask, current_app, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func, select

db = SQLAlchemy()


class Note(db.Model):
    __tablename__ = "notes"
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.Text, nullable=False)

    def to_dict(self):
        return {"id": self.id, "text": self.text}


def count_notes():
    """Works in any app context: a request is never needed."""
    return db.session.scalar(select(func.count()).select_from(Note))


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(app.instance_path, "notes.sqlite")
    app.config.update(config or {})
    os.makedirs(os.path.dirname(app.config["DATABASE"]), exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + app.config["DATABASE"]
    db.init_app(app)

    @app.route("/notes")
    def notes():
        return jsonify([n.to_dict() for n in db.session.scalars(select(Note).order_by(Note.id))])

    @app.route("/notes", methods=["POST"])
    def new_note():
        body = request.get_json(silent=True)
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return jsonify(error="text is required"), 400
        note = Note(text=text.strip())
        db.session.add(note)
        db.session.commit()
        return jsonify(note.to_dict()), 201

    @app.cli.command("init-db")
    def init_db():
        """create_all() only creates the tables that are missing."""
        db.create_all()
        click.echo("Initialized the database.")

    @app.cli.command()
    @click.argument("name")
    @click.option("--shout", is_flag=True)
    def greet(name, shout):
        text = f"Hello, {name}!"
        click.echo(text.upper() if shout else text)

    @app.cli.command("add-note")
    @click.argument("text")
    def add_note(text):
        if not text.strip():
            raise click.BadParameter("the note is empty")
        note = Note(text=text)
        db.session.add(note)
        db.session.commit()
        click.echo(f"Added note {note.id}.")

    @app.cli.command()
    def stats():
        click.echo(f"{count_notes()} notes ({current_app.config['DATABASE']})")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
