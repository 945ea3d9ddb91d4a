"""Lesson 20: the migrations, run for real on databases that hold rows.

``version_1`` is a database as the shop's version 1 left it (revision 7bb724899671, built here
from that revision's SQL, with authors and books in it); ``migrations.run`` is Flask-Migrate's
own upgrade or downgrade, run from the lesson folder as ``flask db upgrade`` runs it.
"""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import UniqueConstraint

from flaskcourse.checking import expect, fail, learner

REVISION_1 = "7bb724899671"
VERSION_1_TABLES = {"alembic_version", "author", "book"}
VERSION_2_TABLES = VERSION_1_TABLES | {"tag", "book_tag"}

NO_SCHEMA_AT_START = (
    "create_app() must leave the schema to the migrations: no db.create_all() (it would make "
    "tag and book_tag on version 1's database, and `flask db upgrade` would then stop at "
    "\"table tag already exists\"), and no upgrade() (every worker, command and test would "
    "migrate at start, and undo every downgrade).")
NEW_REVISION_HELP = (
    f"Did the upgrade run your migration? It must be a new file in migrations/versions/ whose "
    f"down_revision is '{REVISION_1}'. Editing {REVISION_1} itself changes nothing for a "
    "database that has run it already.")
DOWNGRADE_HELP = (
    "downgrade() must undo upgrade() exactly, in reverse order: drop the column "
    "(batch_op.drop_column('stock') in a batch_alter_table('book')), then the tables "
    "book_tag and tag. And it must never drop or recreate author or book by hand.")


def shown_schema(schema: dict) -> str:
    """A schema from Database.schema as a learner reads one: a table a line."""
    lines = []
    for table, (columns, keys) in schema.items():
        parts = [f"{name} {kind}{' NOT NULL' if notnull else ''}{' PRIMARY KEY' if pk else ''}"
                 for name, (kind, notnull, pk) in columns.items()]
        parts += [f"{column} → {target}.{to}" for column, target, to in sorted(keys)]
        lines.append(f"  {table}: {', '.join(parts)}")
    return "\n".join(lines)


def version_1_schema(database) -> dict:
    """The schema of a database freshly made by revision 7bb724899671 (for comparison)."""
    return database.schema(VERSION_1_TABLES - {"alembic_version"})


def test_the_default_database_is_in_the_instance_folder(config):
    """built with a config that names no SQLALCHEMY_DATABASE_URI, the app uses instance/bookshop.db"""
    plain = {k: v for k, v in config.items() if k not in ("SQLALCHEMY_DATABASE_URI", "DATABASE")}
    request = "create_app(config) with no SQLALCHEMY_DATABASE_URI in the config"
    try:
        app = learner.build_app(plain)
    except learner.LoadFailure as failure:
        fail("an app that uses its default database", failure.message, request=request,
             help='Keep DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///bookshop.db"}, '
                  "applied before the config: app.config.from_mapping(DEFAULTS).")
    extension = app.extensions.get("sqlalchemy")
    with app.app_context():
        url = extension.engine.url if extension is not None else None
    wanted = Path(app.instance_path) / "bookshop.db"
    if url is None or url.get_backend_name() != "sqlite" or url.database is None \
            or Path(url.database) != wanted:
        fail(f"the SQLite database {learner.shown(str(wanted))}",
             learner.shown(str(url)) if url is not None else "no Flask-SQLAlchemy in the app",
             request=request)


def test_building_the_app_leaves_an_empty_database_empty(make_app, database):
    """building the app, and answering a request, creates no table in an empty database"""
    app = make_app()
    response = app.test_client().get("/authors")
    tables = database.tables()
    if tables:
        fail("no table at all: the schema is the job of `flask db upgrade`",
             f"the tables {', '.join(sorted(tables))}",
             request=f"create_app(config), then GET /authors (answered {response.status_code}), "
                     "on a new, empty database",
             help=NO_SCHEMA_AT_START)


def test_building_the_app_leaves_a_version_1_database_alone(make_app, version_1):
    """building the app on a database at 7bb724899671 leaves it at 7bb724899671, with the tables it had"""
    before = version_1.describe()
    make_app()
    if version_1.describe() != before:
        fail(f"the database unchanged: {before}", version_1.describe(),
             request="create_app(config) on a database at revision 7bb724899671, with rows",
             help=NO_SCHEMA_AT_START)


def test_upgrade_keeps_every_row_of_version_1(make_app, version_1, migrations):
    """`flask db upgrade` on a database of version 1 keeps every author and book, gives old books stock 0, and adds tag, book_tag and book.stock"""
    authors, books = version_1.authors(), version_1.books()
    migrations.run(make_app(), "upgrade")
    story = migrations.story()
    if version_1.revision() == REVISION_1:
        fail("the database moved past 7bb724899671", f"still at {REVISION_1}: no migration ran",
             request=story, help=NEW_REVISION_HELP)
    missing = VERSION_2_TABLES - version_1.tables()
    if missing:
        fail("the tables tag and book_tag after the upgrade",
             f"no table {', '.join(sorted(missing))} ({version_1.describe()})",
             request=story, help=NEW_REVISION_HELP)
    if "stock" not in version_1.columns("book"):
        fail("a column book.stock after the upgrade",
             f"the columns of book: {', '.join(version_1.columns('book'))}",
             request=story, help=NEW_REVISION_HELP)
    if (version_1.authors(), version_1.books()) != (authors, books):
        fail(f"every author and book of version 1 still there: {authors} and {books}",
             f"{version_1.authors()} and {version_1.books()}", request=story,
             help="A migration changes the schema around the rows: it never drops and "
                  "recreates a table that holds data.")
    stocks = version_1.query("SELECT id, stock FROM book ORDER BY id")
    if any(stock != 0 for _, stock in stocks):
        fail("stock 0 for every book that was there before the upgrade",
             ", ".join(f"book {id}: {stock!r}" for id, stock in stocks), request=story,
             help="Give the new column server_default='0' in the migration (or fill it with "
                  "an UPDATE before making it NOT NULL).")
    column = version_1.columns("book")["stock"]
    if not column[1] or "INT" not in column[0]:
        fail("book.stock an INTEGER, NOT NULL", f"{column[0] or 'no type'}, "
             f"{'NOT NULL' if column[1] else 'NULL allowed'}", request=story)


def test_the_new_tables_have_their_keys(make_app, version_1, migrations):
    """after `flask db upgrade`, tag.name is unique and book_tag's primary key is (book_id, tag_id), with foreign keys to book and tag"""
    migrations.run(make_app(), "upgrade")
    story = migrations.story()
    missing = {"tag", "book_tag"} - version_1.tables()
    if missing:
        fail("the tables tag and book_tag", version_1.describe(), request=story,
             help=NEW_REVISION_HELP)
    wrong = []
    if frozenset({"name"}) not in version_1.unique_columns("tag"):
        wrong.append("tag.name is not unique (no UNIQUE constraint or unique index on it)")
    key = {name for name, (_, _, pk) in version_1.columns("book_tag").items() if pk}
    if key != {"book_id", "tag_id"}:
        wrong.append(f"the primary key of book_tag is ({', '.join(sorted(key)) or 'nothing'}), "
                     "not (book_id, tag_id)")
    links = {(column, target) for column, target, _ in version_1.foreign_keys("book_tag")}
    for column, target in (("book_id", "book"), ("tag_id", "tag")):
        if (column, target) not in links:
            wrong.append(f"book_tag.{column} is no foreign key to {target}.id")
    if wrong:
        fail("the keys the lesson names: tag.name unique, book_tag's primary key (book_id, "
             "tag_id), book_tag.book_id and tag_id foreign keys to book.id and tag.id",
             "\n".join(wrong), request=story,
             help="Alembic's comparison (and so `flask db check`) does not compare primary "
                  "keys: read the generated create_table('book_tag', ...) for "
                  "sa.PrimaryKeyConstraint('book_id', 'tag_id'), and create_table('tag', ...) "
                  "for sa.UniqueConstraint('name').")


def test_the_app_answers_from_the_upgraded_database(make_app, version_1, migrations):
    """after `flask db upgrade` of version 1's database, the app lists the old books, stores new tags and deletes an old author"""
    migrations.run(make_app(), "upgrade")
    client = make_app().test_client()
    story = migrations.story() + "\n(then a new app on that database, as after a restart)"
    response = client.get("/authors/1")
    expect(response, after=[story]).status(200).json_equals({
        "id": 1, "name": "Ursula K. Le Guin", "books": [
            {"id": 1, "title": "A Wizard of Earthsea", "author_id": 1, "stock": 0, "tags": []},
            {"id": 3, "title": "The Dispossessed", "author_id": 1, "stock": 0, "tags": []}]})
    added = client.post("/authors/2/books", json={"title": "Fiasco", "stock": 2,
                                                  "tags": ["sf", "classic"]})
    expect(added, after=[story]).status(201).json_includes({"tags": ["classic", "sf"]})
    expect(client.get("/tags/sf/books"), after=[story, added]).status(200).json_equals(
        [added.get_json()])
    deleted = client.delete("/authors/5")
    expect(deleted, after=[story]).status(204)
    listed = client.get("/authors")
    body = expect(listed, after=[story, added, deleted]).status(200).json()
    expect(listed).that([a.get("id") for a in body if isinstance(a, dict)] == [1, 2, 4],
                        "the authors 1, 2 and 4 (5 was deleted)")


def test_downgrade_gives_back_version_1(make_app, version_1, migrations):
    """`flask db downgrade 7bb724899671` gives back version 1's schema exactly, with every author and book still there"""
    schema = version_1_schema(version_1)
    migrations.run(make_app(), "upgrade")
    client = make_app().test_client()
    added = client.post("/authors/4/books", json={"title": "Dawn", "stock": 5, "tags": ["sf"]})
    expect(added, after=[migrations.story()]).status(201)
    authors, books = version_1.authors(), version_1.books()
    migrations.done.append("(POST /authors/4/books: a new book, with a tag and a stock)")
    migrations.run(make_app(), "downgrade", REVISION_1)
    story = migrations.story()
    if version_1.revision() != REVISION_1:
        fail(f"the database at {REVISION_1}", version_1.describe(), request=story,
             help=DOWNGRADE_HELP)
    if version_1.tables() != VERSION_1_TABLES:
        fail("the tables of version 1: alembic_version, author, book",
             ", ".join(sorted(version_1.tables())), request=story, help=DOWNGRADE_HELP)
    now = version_1_schema(version_1)
    if now != schema:
        fail(f"the columns and keys of version 1:\n{shown_schema(schema)}", shown_schema(now),
             request=story, help=DOWNGRADE_HELP)
    if (version_1.authors(), version_1.books()) != (authors, books):
        fail(f"every author and book still there: {authors} and {books}",
             f"{version_1.authors()} and {version_1.books()}", request=story,
             help=DOWNGRADE_HELP)


def test_upgrade_after_downgrade_works(make_app, version_1, migrations):
    """after a downgrade to 7bb724899671, `flask db upgrade` brings the database back to version 2"""
    migrations.run(make_app(), "upgrade")
    migrations.run(make_app(), "downgrade", REVISION_1)
    migrations.run(make_app(), "upgrade")
    response = make_app().test_client().get("/authors/4")
    expect(response, after=[migrations.story()]).status(200).json_equals({
        "id": 4, "name": "Octavia E. Butler", "books": [
            {"id": 6, "title": "Kindred", "author_id": 4, "stock": 0, "tags": []}]})


def test_an_empty_database_upgrades_and_downgrades_to_base(make_app, database, migrations):
    """on an empty database `flask db upgrade` builds the whole schema, and `flask db downgrade base` leaves only alembic_version"""
    migrations.run(make_app(), "upgrade")
    if database.tables() != VERSION_2_TABLES:
        fail("the tables alembic_version, author, book, book_tag and tag",
             ", ".join(sorted(database.tables())) or "none", request=migrations.story())
    migrations.run(make_app(), "downgrade", "base")
    if database.tables() != {"alembic_version"}:
        fail("no table but alembic_version", ", ".join(sorted(database.tables())),
             request=migrations.story(),
             help=f"Every downgrade() must drop what its upgrade() made: {REVISION_1}'s drops "
                  "book and author, yours drops what it added.")


def test_models_and_migrations_agree(make_app, database, migrations):
    """after `flask db upgrade`, Alembic finds no difference between your models and the database (what `flask db check` runs)"""
    app = make_app()
    migrations.run(app, "upgrade")
    with app.app_context():
        db = app.extensions["sqlalchemy"]
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        keys = key_differences(db.metadata, database)
    if differences or keys:
        fail("no difference between your models and what the migrations built",
             "\n".join([*(describe(d) for d in differences), *keys]),
             request=migrations.story() + "\n$ flask --app app db check",
             help="Each line is something your models have and the database does not (or the "
                  "reverse). Change the models or the migration until they agree; "
                  "`flask --app app db check` shows the same.")


def key_differences(metadata, database) -> list[str]:
    """Primary keys and unique constraints that differ between the models and the database:
    Alembic's comparison leaves both out (on SQLite it cannot match an unnamed UNIQUE)."""
    found = []
    for name, table in sorted(metadata.tables.items()):
        if name not in database.tables():
            continue
        model_key = {c.name for c in table.primary_key.columns}
        built_key = {c for c, (_, _, pk) in database.columns(name).items() if pk}
        if model_key != built_key:
            found.append(f"primary key of {name}: database ({', '.join(sorted(built_key))}), "
                         f"models ({', '.join(sorted(model_key))})")
        model_unique = {frozenset(c.name for c in constraint.columns)
                        for constraint in table.constraints
                        if isinstance(constraint, UniqueConstraint)}
        model_unique |= {frozenset(c.name for c in index.columns)
                         for index in table.indexes if index.unique}
        built_unique = database.unique_columns(name)
        for columns in sorted((model_unique ^ built_unique) - {frozenset(model_key),
                                                             frozenset(built_key)}, key=sorted):
            where = "the database" if columns in built_unique else "the models"
            found.append(f"unique ({', '.join(sorted(columns))}) on {name} only in {where}")
    return found


def describe(difference) -> str:
    """One line of Alembic's comparison, in words."""
    if isinstance(difference, list):  # a column's changes come as a list of modifications
        return "; ".join(describe(d) for d in difference)
    kind, *rest = difference
    if kind in ("add_table", "remove_table"):
        return f"{kind.replace('_', ' ')} {rest[0].name}"
    if kind in ("add_column", "remove_column"):
        return f"{kind.replace('_', ' ')} {rest[1]}.{rest[2].name}"
    if kind.startswith("modify_"):
        _, table, column, _, old, new = rest
        return f"{kind.replace('_', ' ')} of {table}.{column}: database {old!r}, models {new!r}"
    return f"{kind.replace('_', ' ')}: {', '.join(map(str, rest))}"
