"""Lesson 20 reference: a bookshop API with related tables and a schema that migrates.

    GET    /authors                 every author with their books     -> 200
    POST   /authors                 {"name"}                          -> 201 + the author
    GET    /authors/<id>            one author with their books       -> 200, or 404
    DELETE /authors/<id>            the author and all their books    -> 204, or 404
    POST   /authors/<id>/books      {"title", "stock"?, "tags"?}      -> 201 + the book, or 404
    DELETE /books/<id>              one book (its tags stay)          -> 204, or 404
    GET    /tags                    every tag's name, alphabetical    -> 200
    GET    /tags/<name>/books       the books with that tag           -> 200, or 404

The app never creates or changes a table itself: `flask --app app db upgrade` does, from the
migrations in migrations/versions/. Run it once before `flask --app app run`.
"""

import json
import re
from pathlib import Path

from flask import Blueprint, Flask, abort, request
from flask_migrate import Migrate
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db

DEFAULTS = {
    # A relative SQLite path: Flask-SQLAlchemy puts it in the instance folder, next to app.py.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///bookshop.db",
}

# `flask db ...` looks for the migrations folder in the directory it is run from, unless told
# otherwise: naming it from this file lets the commands work from anywhere.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

TAG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TAG_MAX = 30
STOCK_MAX = 1_000_000

# What every answer about authors shows: their books, and each book's tags. Loading them with
# selectinload costs one query per level (authors, then all their books, then all those books'
# tags) however many rows there are. Left to lazy loading, each author's books would cost a
# query of their own, and each book's tags another: the N+1 problem.
AUTHORS_WITH_BOOKS = (selectinload(Author.books).selectinload(Book.tags),)

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


def stock_of(data):
    """The optional stock: a whole number from 0 to STOCK_MAX, 0 when it is left out."""
    stock = data.get("stock", 0)
    # bool is a subclass of int in Python: without the second test, true would be 1 copy.
    if not isinstance(stock, int) or isinstance(stock, bool) or not 0 <= stock <= STOCK_MAX:
        abort(400, description=f"stock must be a whole number from 0 to {STOCK_MAX}")
    return stock


def tag_names(data):
    """The optional tags: a list of tag names, each once, in alphabetical order."""
    names = data.get("tags", [])
    if not isinstance(names, list):
        abort(400, description="tags must be a list of tag names")
    for name in names:
        if not isinstance(name, str) or len(name) > TAG_MAX or not TAG_PATTERN.fullmatch(name):
            abort(400, description=f"each tag is lowercase letters, digits and single hyphens, "
                                   f"at most {TAG_MAX} characters: {name!r} is not")
    # A name sent twice would be two links between the same book and tag: the primary key of
    # book_tag refuses the second one, and the commit would fail.
    return sorted(set(names))


def tags_named(names):
    """The Tag rows for these names: the ones that exist, and new ones for the rest."""
    query = db.select(Tag).where(Tag.name.in_(names))
    existing = {tag.name: tag for tag in db.session.execute(query).scalars()}
    return [existing.get(name) or Tag(name=name) for name in names]


def author_or_404(author_id, *options):
    author = db.session.get(Author, author_id, options=options)
    if author is None:
        abort(404, description=f"there is no author {author_id}")
    return author


@bp.get("/authors")
def list_authors():
    query = db.select(Author).options(*AUTHORS_WITH_BOOKS).order_by(Author.id)
    return [author.to_dict() for author in db.session.execute(query).scalars()]


@bp.post("/authors")
def create_author():
    data = json_object()
    author = Author(name=required_text(data, "name"))
    db.session.add(author)
    db.session.commit()
    return author.to_dict(), 201


@bp.get("/authors/<int:author_id>")
def get_author(author_id):
    return author_or_404(author_id, *AUTHORS_WITH_BOOKS).to_dict()


@bp.delete("/authors/<int:author_id>")
def delete_author(author_id):
    # The cascade on Author.books deletes the books with the author, and deleting a book
    # removes its rows in book_tag. The tags themselves stay: other books may use them.
    db.session.delete(author_or_404(author_id))
    db.session.commit()
    return "", 204


@bp.post("/authors/<int:author_id>/books")
def create_book(author_id):
    author = author_or_404(author_id)
    data = json_object()
    title, stock, tags = required_text(data, "title"), stock_of(data), tag_names(data)
    # author=author fills in author.books too (back_populates), and the foreign key is set
    # when the book is inserted: no author_id by hand.
    book = Book(title=title, stock=stock, author=author, tags=tags_named(tags))
    db.session.add(book)
    db.session.commit()
    return book.to_dict(), 201


@bp.delete("/books/<int:book_id>")
def delete_book(book_id):
    book = db.session.get(Book, book_id)
    if book is None:
        abort(404, description=f"there is no book {book_id}")
    db.session.delete(book)
    db.session.commit()
    return "", 204


@bp.get("/tags")
def list_tags():
    return list(db.session.execute(db.select(Tag.name).order_by(Tag.name)).scalars())


@bp.get("/tags/<name>/books")
def books_tagged(name):
    tag = db.session.execute(db.select(Tag).filter_by(name=name)).scalar_one_or_none()
    if tag is None:
        abort(404, description=f"there is no tag {name!r}")
    query = (db.select(Book).where(Book.tags.contains(tag)).options(selectinload(Book.tags))
             .order_by(Book.id))
    return [book.to_dict() for book in db.session.execute(query).scalars()]
