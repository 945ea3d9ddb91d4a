"""Lesson 16: the `flask` commands — registered in create_app, with arguments, options and an
effect on the configured database that the web app can see.

Commands run through the plugin's ``cli`` runner (see conftest.py): no shell, no subprocess.
"""

import gc
import os
import re
import sqlite3
import sys
import weakref

from flask import Flask

from flaskcourse.checking import expect, fail, learner

COMMANDS = ("init-db", "greet", "add-note", "stats")


def tables_in(path):
    """The table names in the SQLite file at ``path`` (None when there is no such file)."""
    if not os.path.exists(path):
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return sorted(row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


def columns_in(path, table):
    """The column names of ``table`` in the SQLite file at ``path``, in order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


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
    """`flask init-db` creates the notes table (id, text) in the file config["DATABASE"] names"""
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
    columns = columns_in(path, "notes")
    if "id" not in columns or "text" not in columns:
        fail(f"the notes table in {path} with the columns id and text",
             got="the columns " + ", ".join(columns), request=flask.steps(),
             help="The table's columns are part of the contract: anything else that opens the "
                  "file (a report, a backup script, the checks) reads notes.id and notes.text. "
                  "Name them so in CREATE TABLE, not only in the JSON your helpers build.")


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
    """a note from `flask add-note` is in GET /notes of another app, even one already running"""
    flask.ok("init-db")
    # Other apps, as servers started separately from the command would be: only the database
    # file (from the config) connects them. One is running already and has answered once.
    running = make_app().test_client()
    before = running.get("/notes")
    server = "a server (another app built by create_app() with the same config) answers"
    expect(before, after=flask.history + [server]).status(200)
    flask.record(f"{server}\n{before.flaskcourse_request}  (answered {before.status_code})")
    flask.ok("add-note", "buy milk")
    new_app = "a new app built by create_app() with the same config"
    for name, client, steps in (("a new app", make_app().test_client(), [new_app]),
                                ("the same server", running, [])):
        e = expect(client.get("/notes"), after=flask.history + steps)
        e.status(200)
        e.that("buy milk" in e.body_text(), f'GET /notes of {name} listing "buy milk"',
               help="add-note must write to the database named by current_app.config[\"DATABASE\"] "
                    "and commit (db.commit()); a note kept in a Python list or an uncommitted "
                    "transaction is gone when the command ends. And every GET /notes reads the "
                    "database afresh: a list kept on the app from an earlier request misses what "
                    "another process (a command, a second server) wrote since.")


def test_add_note_prints_the_new_id(flask, client):
    """`flask add-note` prints the id of the note it stored"""
    flask.ok("init-db")
    flask.ok("add-note", "first")
    result = flask.ok("add-note", "second")
    notes = expect(client.get("/notes"), after=flask.history).status(200).json()
    ids = [n.get("id") for n in notes if isinstance(n, dict) and n.get("text") == "second"]
    if not ids:
        fail('GET /notes listing the note "second"', got=repr(notes), request=flask.steps())
    if not re.search(rf"(?<![\w.]){ids[0]}(?![\w])", result.output):
        flask.fail(result, f"output naming the new note's id, {ids[0]} (the id GET /notes gives it)",
                   help="Say what the command did, with the id add_note returned: "
                        "click.echo(f\"Added note {note['id']}.\").")


def test_add_note_refuses_a_blank_text(flask, client):
    """`flask add-note` with a blank text exits with a code other than 0 and stores nothing"""
    flask.ok("init-db")
    for label, text in (("an empty text", ""), ("only spaces", "   "), ("a tab and a newline", "\t\n")):
        result = flask.run("add-note", text)
        if result.exit_code == 0:
            flask.fail(result, f"add-note with {label} ({text!r}) refused: an exit code other than 0",
                       help="Check the text before storing it: if not text.strip(), raise "
                            "click.BadParameter(\"the note is empty.\") (click prints it and "
                            "exits with 2).")
    e = expect(client.get("/notes"), after=flask.history).status(200)
    e.that(e.json() == [], "GET /notes still empty: a refused note is not stored",
           help="Refuse the blank text before calling add_note, so nothing reaches the database.")


def test_default_database_is_in_the_instance_folder(flask_for, make_app, config, tmp_path, monkeypatch):
    """with no DATABASE in the config, init-db works on instance/notes.sqlite beside app.py"""
    fresh = tmp_path / "fresh-copy" / "instance"
    # The instance folder of a fresh copy of the lesson: it does not exist yet.
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(fresh))
    for key in ("DATABASE", "SQLALCHEMY_DATABASE_URI"):
        config.pop(key, None)
    # `flask --app /path/to/app.py` can be run from any folder: not from the lesson's here.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = make_app()
    path = app.config.get("DATABASE")
    beside_app = learner.code_dir() / "instance" / "notes.sqlite"
    wanted = {os.path.realpath(fresh / "notes.sqlite"), os.path.realpath(beside_app)}
    call = f"create_app() with no DATABASE in the config, run from another folder ({elsewhere})"
    if not isinstance(path, (str, os.PathLike)) or os.path.realpath(path) not in wanted:
        relative = isinstance(path, (str, os.PathLike)) and not os.path.isabs(path)
        fail('app.config["DATABASE"] to be instance/notes.sqlite beside app.py', got=repr(path)
             + (f", a relative path: it names {os.path.realpath(path)} when run from there"
                if relative else ""),
             request=call,
             help="Set the default in create_app before merging the caller's config, as a path "
                  "built from the app's own folder (a relative path follows the folder flask is "
                  "started from): app.config.from_mapping(DATABASE=os.path.join("
                  "app.instance_path, \"notes.sqlite\")).")
    if os.path.realpath(path) != os.path.realpath(fresh / "notes.sqlite"):
        return  # built from __file__ instead of app.instance_path: right too, but the checks
        #        do not write into the lesson folder
    commands = flask_for(app)
    commands.record(call + f"  (its instance folder {fresh} does not exist yet)")
    commands.ok("init-db", expected="`flask init-db` to succeed (exit code 0), creating the instance folder")
    tables = tables_in(str(fresh / "notes.sqlite"))
    if not tables or "notes" not in tables:
        fail(f"a table named notes in {fresh / 'notes.sqlite'}", got=repr(tables),
             request=commands.steps(),
             help="Create the folder before connecting: os.makedirs(os.path.dirname(path), "
                  "exist_ok=True) in get_db().")


class TrackedConnection(sqlite3.Connection):
    """A sqlite3 connection a check can hold a weak reference to."""


def test_connections_are_closed_when_the_context_ends(flask_for, make_app, monkeypatch,
                                                       learner_function):
    """every connection your code opens is closed when its request, command or app context ends"""
    opened = []  # (weak reference, where it was opened)
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        frame = sys._getframe(1)
        if "factory" in kwargs or not learner.is_learner_file(frame.f_code.co_filename):
            return real_connect(*args, **kwargs)
        connection = real_connect(*args, factory=TrackedConnection, **kwargs)
        where = f"{learner.show_path(frame.f_code.co_filename)}, line {frame.f_lineno}"
        opened.append((weakref.ref(connection), where))
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    # No garbage collection meanwhile: a connection left in g, or dropped without close(), must
    # not be freed by luck (a sqlite3 connection refers to itself, so only the collector frees it).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        app = make_app()
        commands = flask_for(app)
        client = app.test_client()
        count_notes = learner_function("count_notes")
        steps = [("command", ("init-db",)), ("command", ("add-note", "first")),
                 ("post", {"text": "second"}), ("get", None), ("command", ("stats",)),
                 ("context", None)]
        for kind, arg in steps:
            if kind == "command":
                commands.ok(*arg)
            elif kind == "context":
                if count_notes is None:
                    continue  # test_count_notes_works_without_a_request says what is missing
                # A script: one application context, the helpers called more than once.
                script = "with app.app_context():\n    count_notes()\n    count_notes()"
                try:
                    with app.app_context():
                        count_notes()
                        count_notes()
                except Exception as exc:
                    fail("count_notes() to work twice under one app context",
                         got=f"{type(exc).__name__}: {exc}", request=commands.steps(script),
                         help=commands.explain(exc))
                commands.record(script)
            else:
                response = client.post("/notes", json=arg) if kind == "post" else client.get("/notes")
                commands.record(f"{response.flaskcourse_request}\n  (answered {response.status_code})")
            still_open = [where for ref, where in opened
                          if ref() is not None and _is_open(ref())]
            if still_open:
                fail("every sqlite3 connection your code opened to be closed once this ended",
                     got="still open: a connection opened at " + "; ".join(sorted(set(still_open))),
                     request=commands.steps(),
                     help="The checks looked inside: they tracked each sqlite3.connect your code "
                          "called. Keep the connection in g and register the closing function "
                          "with app.teardown_appcontext(close_db) (database.init_app(app) does "
                          "it): Flask then calls it at the end of every request and command. "
                          "And open it only once per context: get_db() returns the one already "
                          "in g, or a second call replaces it there and close_db never sees the "
                          "first.")
    finally:
        if was_enabled:
            gc.enable()


def _is_open(connection) -> bool:
    try:
        connection.total_changes
    except sqlite3.ProgrammingError:
        return False
    return True
