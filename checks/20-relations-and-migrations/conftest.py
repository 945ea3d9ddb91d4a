"""Lesson 20: the learner's bookshop, its database, its migrations, and the queries it sends.

Two kinds of check share these fixtures. The API checks get an ``app`` whose database already
has the tables of the learner's models (made here, with create_all(), so that a mistake in a
migration fails the migration checks and nothing else). The migration checks build databases
the way the lesson's story does: ``version_1`` writes the schema that revision 7bb724899671 of
the starter made, with rows in it, straight through sqlite3, and ``migrations`` runs the
learner's own migrations with Flask-Migrate's ``upgrade``/``downgrade``, in the lesson folder,
as ``flask db upgrade`` does.
"""

from __future__ import annotations

import sqlite3
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from flaskcourse.checking import fail, learner

REVISION_1 = "7bb724899671"

# What revision 7bb724899671 (the starter's "authors and books") makes, as SQLite stored it.
VERSION_1_SCHEMA = (
    "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\t"
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
    "CREATE TABLE author (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(100) NOT NULL, \n\t"
    "PRIMARY KEY (id)\n)",
    "CREATE TABLE book (\n\tid INTEGER NOT NULL, \n\ttitle VARCHAR(200) NOT NULL, \n\t"
    "author_id INTEGER NOT NULL, \n\tPRIMARY KEY (id), \n\t"
    "FOREIGN KEY(author_id) REFERENCES author (id)\n)",
)

# The shop's rows at version 1: ids with gaps (rows deleted long ago), an author without books,
# names and titles with quotes and letters beyond ASCII.
VERSION_1_AUTHORS = ((1, "Ursula K. Le Guin"), (2, "Stanisław Lem"), (4, "Octavia E. Butler"),
                     (5, "Douglas Adams"))
VERSION_1_BOOKS = ((1, "A Wizard of Earthsea", 1), (2, "Solaris", 2), (3, "The Dispossessed", 1),
                   (6, "Kindred", 4), (7, "The Hitchhiker's Guide to the Galaxy", 5))

MIGRATE_HELP = (
    "Run it yourself in your lesson folder: `flask --app app db upgrade` on a database at "
    f"{REVISION_1} with rows in it (the lesson's first step makes one), and read what it says."
)
# What Alembic's and SQLite's messages usually mean here, said first when one appears.
KNOWN_ERRORS = (
    ("NOT NULL column with default value NULL",
     "The books that exist need a value for the new NOT NULL column: give it "
     "server_default='0' in the migration (and server_default=\"0\" in the model), or add it "
     "nullable, fill it with an UPDATE, then make it NOT NULL."),
    ("already exists",
     "The table was there before the migration ran: does create_app() call db.create_all()? "
     "(On SQLite, a migration that failed halfway also leaves its first tables behind.)"),
    ("head",
     f"Your new migration must continue the chain: down_revision = '{REVISION_1}'. With "
     "down_revision = None (or a misspelt id) Alembic sees two heads."),
    ("Can't locate revision",
     "The database names a revision that no file in migrations/versions/ has: keep "
     f"{REVISION_1}'s file as the starter ships it, and give every new file its own id."),
)


class Database:
    """The checks' own look at the SQLite file the app was given, through sqlite3."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path)) as connection:
            yield connection

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.connection() as connection:
            return connection.execute(sql, params).fetchall()

    def tables(self) -> set[str]:
        if not self.path.exists():
            return set()
        return {name for (name,) in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}

    def columns(self, table: str) -> dict[str, tuple[str, bool, int]]:
        """{column: (declared type, NOT NULL, position in the primary key)} of a table."""
        return {name: (kind.upper(), bool(notnull), pk) for _, name, kind, notnull, _, pk
                in self.query(f"PRAGMA table_info('{table}')")}

    def foreign_keys(self, table: str) -> set[tuple[str, str, str]]:
        return {(column, target, to) for _, _, target, column, to, *_
                in self.query(f"PRAGMA foreign_key_list('{table}')")}

    def unique_columns(self, table: str) -> set[frozenset[str]]:
        """The sets of columns a UNIQUE constraint or index (a composite primary key's too)
        holds unique in a table."""
        found = set()
        for _, index, unique, *_ in self.query(f"PRAGMA index_list('{table}')"):
            if unique:
                found.add(frozenset(row[2] for row in self.query(f"PRAGMA index_info('{index}')")))
        return found

    def schema(self, tables: set[str]) -> dict[str, Any]:
        return {t: (self.columns(t), self.foreign_keys(t)) for t in sorted(tables)}

    def revision(self) -> str | None:
        if "alembic_version" not in self.tables():
            return None
        rows = self.query("SELECT version_num FROM alembic_version")
        return ", ".join(r for (r,) in rows) or None

    def authors(self) -> list[tuple[Any, ...]]:
        return self.query("SELECT id, name FROM author ORDER BY id")

    def books(self) -> list[tuple[Any, ...]]:
        return self.query("SELECT id, title, author_id FROM book ORDER BY id")

    def build_version_1(self) -> None:
        """The database as version 1 of the shop left it: revision 7bb724899671, with rows."""
        with self.connection() as connection:
            for statement in VERSION_1_SCHEMA:
                connection.execute(statement)
            connection.execute("INSERT INTO alembic_version VALUES (?)", (REVISION_1,))
            connection.executemany("INSERT INTO author (id, name) VALUES (?, ?)", VERSION_1_AUTHORS)
            connection.executemany("INSERT INTO book (id, title, author_id) VALUES (?, ?, ?)",
                                   VERSION_1_BOOKS)
            connection.commit()

    def describe(self) -> str:
        """The tables and the revision, for a failure message."""
        tables = sorted(self.tables())
        return (f"tables: {', '.join(tables) if tables else 'none'}; "
                f"alembic_version: {self.revision() or 'none'}")


@pytest.fixture
def database(config: dict[str, Any]) -> Database:
    return Database(Path(config["DATABASE"]))


def tables_from_models(app: Flask) -> None:
    """Create the tables of the learner's models (the API checks' starting point)."""
    __tracebackhide__ = True
    extension = app.extensions.get("sqlalchemy")
    if extension is None:
        fail("an app with Flask-SQLAlchemy set up (db.init_app(app) in create_app)",
             "no SQLAlchemy in app.extensions", help="Keep the starter's db.init_app(app).")
    try:
        with app.app_context():
            extension.create_all()
    except Exception as exc:  # noqa: BLE001 - the learner's models, whatever they raise
        fail("the tables of your models, made with db.create_all() by the checks",
             learner.describe_exception(exc, "making them raised"),
             help="The models in models.py do not make a valid schema; read the error above.")


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """The learner's app on a database holding the tables of its models (made by the checks)."""
    built = make_app()
    tables_from_models(built)
    return built


class Migrations:
    """Flask-Migrate's own commands run on an app, the way ``flask db ...`` runs them."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.done: list[str] = []

    def run(self, app: Flask, command: str, revision: str = "head") -> None:
        """``flask db upgrade``/``downgrade`` [revision]; fails the check if it does not finish."""
        __tracebackhide__ = True
        line = f"flask --app app db {command}" + ("" if revision == "head" else f" {revision}")
        before = self.database.describe()
        if "migrate" not in app.extensions:
            fail(f"`{line}` to run", "your app has no `flask db` commands",
                 request=self.story(line),
                 help="create_app() must set up Flask-Migrate: Migrate(app, db, directory=...), "
                      "as the starter does.")
        # Flask-Migrate's upgrade() and downgrade() only log an error and exit; the function
        # they wrap raises it, so the learner sees what Alembic said.
        function = getattr(flask_migrate, command)
        function = getattr(function, "__wrapped__", function)
        try:
            with app.app_context():
                function(revision=revision)
        except Exception as exc:  # noqa: BLE001 - whatever the learner's migration raises
            self.done.append(f"{line}  (failed)")
            said = self._error(exc)
            known = [why for words, why in KNOWN_ERRORS if words in said]
            fail(f"`{line}` to finish without an error", said,
                 request=self.story(line, before), help="\n".join([*known[:1], MIGRATE_HELP]))
        self.done.append(line)

    def story(self, line: str | None = None, before: str | None = None) -> str:
        """What was done to the database so far, for a failure message."""
        steps = [step if step.startswith("(") else f"$ {step}" for step in self.done]
        if line and (not self.done or not self.done[-1].startswith(line)):
            steps.append(f"$ {line}")
        if before:
            steps.append(f"(the database before it: {before})")
        return "\n".join(steps)

    @staticmethod
    def _error(exc: BaseException) -> str:
        text = learner.shown(f"{type(exc).__name__}: {exc}").strip()
        # Alembic's batch mode drops its temporary table when a step fails; when that fails
        # too, the first error (further down the chain) is the one that says what went wrong.
        chain, seen = [], exc
        while seen.__context__ is not None and len(chain) < 10:
            seen = seen.__context__
            chain.append(seen)
        first = next((e for e in reversed(chain) if str(e) != str(exc)), None)
        if first is not None:
            text += "\n  raised while handling " + learner.shown(
                f"{type(first).__name__}: {first}").strip().splitlines()[0]
        # SQLite's own name for an error says more than its message ("disk I/O error" is a
        # dozen different failures).
        names = {getattr(e, "sqlite_errorname", None) for e in (exc, exc.__cause__, *chain)}
        names = sorted(n for n in names if n and n not in ("SQLITE_ERROR",))
        if names:
            text += f"\n  ({', '.join(names)})"
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if "migrations" in Path(f.filename).parts]
        if frames:
            where = frames[-1]
            text += (f"\n  in {learner.show_path(where.filename)}, line {where.lineno}, "
                     f"in {where.name}")
        return text


@pytest.fixture
def migrations(database: Database, monkeypatch: pytest.MonkeyPatch) -> Migrations:
    """Runs ``flask db`` commands from the lesson folder, where the learner types them."""
    monkeypatch.chdir(learner.code_dir())
    return Migrations(database)


@pytest.fixture
def version_1(database: Database) -> Database:
    """A database at revision 7bb724899671, with version 1's authors and books in it."""
    database.build_version_1()
    return database


class Statements:
    """The SQL statements sent to any database while it is switched on."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.on = False

    def __call__(self, connection: Any, cursor: Any, statement: str, *rest: Any) -> None:
        if self.on:
            self.sent.append(" ".join(statement.split()))

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.sent = []
        self.on = True
        try:
            yield self.sent
        finally:
            self.on = False


@pytest.fixture
def statements() -> Iterator[Statements]:
    """Counts every statement any engine sends (the learner's engine is made per app)."""
    spy = Statements()
    event.listen(Engine, "before_cursor_execute", spy)
    try:
        yield spy
    finally:
        event.remove(Engine, "before_cursor_execute", spy)
