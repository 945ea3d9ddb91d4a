"""The app's flask commands."""

import click
from flask import Flask, current_app

from store import count_notes, store


def register(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db():
        """Create the notes table if needed."""
        store().create()
        click.echo("Initialized the database.")

    @app.cli.command("greet")
    @click.argument("name")
    @click.option("--shout", is_flag=True)
    def greet(name, shout):
        """Say hello to NAME."""
        line = "Hello, {}!".format(name)
        click.echo(line.upper() if shout else line)

    @app.cli.command("add-note")
    @click.argument("text")
    def add_note(text):
        """Add a note."""
        if not text or text.isspace():
            raise click.BadParameter("must not be blank", param_hint="'TEXT'")
        note = store().add(text.strip())
        click.echo(f"id {note['id']}")

    @app.cli.command("stats")
    def stats():
        """Database path and note count."""
        click.echo(f"Database file: {current_app.config['DATABASE']}")
        click.echo(f"{count_notes()} notes")
