"""The terminal side: commands on a blueprint whose commands join the top-level `flask` group."""

import click
from flask import Blueprint, current_app

import notes_store

bp = Blueprint("notes_cli", __name__, cli_group=None)


@bp.cli.command("init-db")
def init_db():
    """Create the notes table if it is missing; keeps existing notes."""
    notes_store.create_schema()
    click.echo("Initialized the database.")


@bp.cli.command("greet")
@click.option("--shout/--no-shout", default=False, help="Use capitals.")
@click.argument("name")
def greet(shout, name):
    """Greet NAME."""
    message = "Hello, " + name + "!"
    if shout:
        message = message.upper()
    click.echo(message)


@bp.cli.command("add-note")
@click.argument("text")
def add_note(text):
    """Add TEXT as a note."""
    if text.strip() == "":
        raise click.ClickException("A note needs some text.")
    note = notes_store.insert(text.strip())
    click.echo(f"Stored note #{note['id']}")


@bp.cli.command("stats")
def stats():
    """Where the notes live and how many there are."""
    click.echo(f"{notes_store.count_notes()} notes in {current_app.config['DATABASE']}")
