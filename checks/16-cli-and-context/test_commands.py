"""Lesson 16: the `flask` commands — registered in create_app, with arguments, options and an
effect on the configured database that the web app can see.

Commands run through the plugin's ``cli`` runner (see conftest.py): no shell, no subprocess.
"""

import os
import sqlite3

from flaskcourse.checking import expect, fail

COMMANDS = ("init-db", "greet", "add-note", "stats")


def tables_in(path):
    """The table names in the SQLite file at ``path`` (None when there is no such file)."""
    if not os.path.exists(path):
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return sorted(row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


# ------------------------------------------------------------------------------ registered


def test_flask_help_lists_the_commands(flask, app):
    """`flask --help` lists init-db, greet, add-note and stats"""
    result = flask.ok("--help")
    listed = result.output.partition("Commands:")[2].split()
    missing = [name for name in COMMANDS if name not in listed]
    if missing:
        names = sorted(app.cli.commands)
        fail("a command list naming " + ", ".join(COMMANDS),
             got="commands: " + (", ".join(names) if names else "none at all"),
             request=result.request,
             help=f"Missing: {', '.join(missing)}. A command exists only once it is registered "
                  "on the app: inside create_app, put @app.cli.command(\"name\") above the "
                  "function.")

# ----------------------------------------------------------------------------------- greet


def test_greet_says_hello(flask):
    """`flask greet Ada` prints "Hello, Ada!" and exits 0"""
    result = flask.ok("greet", "Ada", expected='"Hello, Ada!" and exit code 0')
    if "Hello, Ada!" not in result.output:
        flask.fail(result, 'the output "Hello, Ada!"',
                   help="Take the name with @click.argument(\"name\") and print it with "
                        "click.echo(f\"Hello, {name}!\").")


def test_greet_shouts_with_the_shout_option(flask):
    """`flask greet --shout Ada` prints "HELLO, ADA!\""""
    result = flask.ok("greet", "--shout", "Ada", expected='"HELLO, ADA!" and exit code 0')
    if "HELLO, ADA!" not in result.output:
        flask.fail(result, 'the output "HELLO, ADA!"',
                   help="--shout is a flag: @click.option(\"--shout\", is_flag=True) gives the "
                        "function shout=True or False; upper-case the greeting when it is True.")


def test_greet_without_a_name_is_a_usage_error(flask):
    """`flask greet` without a name exits 2 with click's "Missing argument" message"""
    result = flask.run("greet")
    if result.exit_code != 2 or "Missing argument" not in result.output:
        flask.fail(result, 'exit code 2 and click\'s usage message ("Error: Missing argument ...")',
                   help="Declare the name with @click.argument(\"name\"): click then refuses a "
                        "call without it before your function runs, prints the usage line and "
                        "exits with 2, the code for \"you called me wrong\".")


# --------------------------------------------------------------------------------- init-db


def test_init_db_creates_the_table_in_the_configured_database(flask, config):
    """`flask init-db` creates the notes table in the database file config["DATABASE"] names"""
    flask.ok("init-db")
    path = config["DATABASE"]
    tables = tables_in(path)
    if not tables or "notes" not in tables:
        got = (f"no file at {path}" if tables is None else
               f"the tables {', '.join(tables) or '(none)'} in {path}")
        fail(f"a table named notes in the SQLite file {path}", got=got, request=flask.steps(),
             help="Connect to current_app.config[\"DATABASE\"], not to a path written in the "
                  "code: the checks (like a test suite, like production) give each app its own "
                  "database file through the config.")


def test_init_db_says_so(flask):
    """`flask init-db` prints "Initialized the database.\""""
    result = flask.ok("init-db")
    if "initialized the database" not in result.output.lower():
        flask.fail(result, 'the output "Initialized the database."',
                   help="A command that changes something should say what it did: "
                        "click.echo(\"Initialized the database.\").")


def test_init_db_twice_is_safe(flask):
    """`flask init-db` run a second time succeeds too"""
    flask.ok("init-db")
    result = flask.run("init-db")
    if result.exit_code != 0:
        flask.fail(result, "the second `flask init-db` to succeed (exit code 0) as well",
                   help="CREATE TABLE fails when the table is already there. "
                        "CREATE TABLE IF NOT EXISTS does nothing in that case.")


def test_init_db_keeps_existing_notes(flask, client):
    """a second `flask init-db` keeps the notes already stored"""
    flask.ok("init-db")
    flask.ok("add-note", "keep me")
    flask.ok("init-db")
    response = client.get("/notes")
    e = expect(response, after=flask.history).status(200)
    e.that("keep me" in e.body_text(), 'GET /notes still listing "keep me"',
           help="Setting up must never destroy data: use CREATE TABLE IF NOT EXISTS and no DROP "
                "TABLE. (A reset that wipes the notes would be its own command, named so.)")


# -------------------------------------------------------------------------------- add-note


def test_add_note_shows_up_in_get_notes(flask, make_app):
    """a note stored with `flask add-note` is listed by GET /notes of another app on the same database"""
    flask.ok("init-db")
    flask.ok("add-note", "buy milk")
    # A new app, as a server started separately from the command would be: only the
    # database file (from the config) connects the two.
    response = make_app().test_client().get("/notes")
    e = expect(response, after=flask.history + ["a new app built by create_app() with the same config"])
    e.status(200)
    e.that("buy milk" in e.body_text(), 'GET /notes listing "buy milk"',
           help="add-note must write to the database named by current_app.config[\"DATABASE\"] "
                "and commit (db.commit()); a note kept in a Python list or an uncommitted "
                "transaction is gone when the command ends.")
