"""Lesson 20: a bookshop API with related tables and a schema that migrates.

Version 1 of the shop works: authors and their books. You ship version 2 (read the lesson
with `flaskcourse read 20`):

    GET    /authors                 every author with their books     -> 200
    POST   /authors                 {"name"}                          -> 201 + the author
    GET    /authors/<id>            one author with their books       -> 200, or 404
    DELETE /authors/<id>            the author and all their books    -> 204, or 404
    POST   /authors/<id>/books      {"title", "stock"?, "tags"?}      -> 201 + the book, or 404
    DELETE /books/<id>              one book (its tags stay)          -> 204, or 404
    GET    /tags                    every tag's name, alphabetical    -> 200
    GET    /tags/<name>/books       the books with that tag           -> 200, or 404

Before the first run, build the database with `flask --app app db upgrade`: this app never
creates a table itself. Then `flask --app app run`, or `flaskcourse serve`.
"""

import json
import re  # noqa: F401  (you will need it for the tag names)
from pathlib import Path

from flask import Blueprint, Flask, abort, request
from flask_migrate import Migrate
from werkzeug.exceptions import HTTPException

from models import Author, Book, db

DEFAULTS = {
    # A relative SQLite path: Flask-SQLAlchemy puts it in the instance folder, next to app.py.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///bookshop.db",
}

# `flask db ...` looks for the migrations folder in the directory it is run from, unless told
# otherwise: naming it from this file lets the commands work from anywhere.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

bp = Blueprint("bookshop", __name__)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    # Migrate adds the `flask db` commands. No db.create_all() here: the migrations own the
    # schema, and a table made by create_all() would have no revision to upgrade from.
    Migrate(app, db, directory=str(MIGRATIONS))

    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, error_as_json)
    return app


def error_as_json(error):
    """Answer every HTTP error (400, 404, 405, ...) with JSON instead of an HTML page."""
    response = error.get_response()  # keeps the headers Flask set, e.g. Allow on a 405
    response.data = json.dumps({"error": error.description})
    response.content_type = "application/json"
    return response


def json_object():
    """The request's body as a dict, or a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="send a JSON object")
    return data


def required_text(data, field):
    """A field that must be a string with something in it besides spaces."""
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        abort(400, description=f"{field} must be a non-empty string")
    return value.strip()


def author_or_404(author_id):
    author = db.session.get(Author, author_id)
    if author is None:
        abort(404, description=f"there is no author {author_id}")
    return author


def books_of(author):
    return db.session.execute(
        db.select(Book).filter_by(author_id=author.id).order_by(Book.id)).scalars()


@bp.get("/authors")
def list_authors():
    # TODO: this runs one query for the authors, then one more for every author's books: the
    #       N+1 problem. Load the books (and their tags) with selectinload instead.
    authors = db.session.execute(db.select(Author).order_by(Author.id)).scalars()
    return [author.to_dict(books_of(author)) for author in authors]


@bp.post("/authors")
def create_author():
    data = json_object()
    author = Author(name=required_text(data, "name"))
    db.session.add(author)
    db.session.commit()
    return author.to_dict([]), 201


@bp.get("/authors/<int:author_id>")
def get_author(author_id):
    author = author_or_404(author_id)
    return author.to_dict(books_of(author))


@bp.delete("/authors/<int:author_id>")
def delete_author(author_id):
    # TODO: delete the author and their books (the cascade on Author.books does the books);
    #       answer 204 with no body, or 404 for an author that does not exist.
    return {"error": "DELETE /authors/<id> is not written yet"}, 501


@bp.post("/authors/<int:author_id>/books")
def create_book(author_id):
    author = author_or_404(author_id)
    data = json_object()
    # TODO: stock (optional, a whole number from 0 to 1000000, 0 when left out) and tags
    #       (optional, a list of tag names: lowercase letters, digits and single hyphens, at
    #       most 30 characters). Reuse the Tag a name already has; create the ones that are new.
    book = Book(title=required_text(data, "title"), author_id=author.id)
    db.session.add(book)
    db.session.commit()
    return book.to_dict(), 201


@bp.delete("/books/<int:book_id>")
def delete_book(book_id):
    # TODO: delete the book (its links to tags go with it, the tags stay); 204, or 404.
    return {"error": "DELETE /books/<id> is not written yet"}, 501


@bp.get("/tags")
def list_tags():
    # TODO: every tag's name, in alphabetical order.
    return {"error": "GET /tags is not written yet"}, 501


@bp.get("/tags/<name>/books")
def books_tagged(name):
    # TODO: the books that have this tag, oldest first (each with its tags); 404 for a tag
    #       that does not exist.
    return {"error": "GET /tags/<name>/books is not written yet"}, 501
