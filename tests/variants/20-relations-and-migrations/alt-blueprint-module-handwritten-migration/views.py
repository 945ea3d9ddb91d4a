"""The bookshop's routes, on a blueprint; each query names what it loads."""

import re

from flask import Blueprint, abort, jsonify, request
from sqlalchemy.orm import selectinload

from models import Author, Book, Tag, db

bp = Blueprint("shop", __name__)

NAME = re.compile(r"(?:[a-z0-9]+-)*[a-z0-9]+")
BOOKS = selectinload(Author.books).selectinload(Book.tags)


def book_dict(book):
    return {"id": book.id, "title": book.title, "author_id": book.author_id,
            "stock": book.stock, "tags": [tag.name for tag in book.tags]}


def author_dict(author):
    return {"id": author.id, "name": author.name, "books": [book_dict(b) for b in author.books]}


def fields():
    data = request.get_json(silent=True)
    if isinstance(data, dict):
        return data
    abort(400, description="the body must be a JSON object")


def words(data, field):
    value = data.get(field)
    if isinstance(value, str) and value.strip():
        return value
    abort(400, description=f"{field} is required")


def copies(data):
    value = data.get("stock", 0)
    if type(value) is int and 0 <= value <= 1000000:
        return value
    abort(400, description="stock must be an integer from 0 to 1000000")


def tag_list(data):
    names = data.get("tags", [])
    if not isinstance(names, list):
        abort(400, description="tags must be a list")
    bad = [n for n in names if not isinstance(n, str) or len(n) > 30 or not NAME.fullmatch(n)]
    if bad:
        abort(400, description=f"not a tag name: {bad[0]!r}")
    wanted = set(names)
    have = db.session.scalars(db.select(Tag).where(Tag.name.in_(wanted))).all()
    new = wanted - {tag.name for tag in have}
    return [*have, *(Tag(name=name) for name in sorted(new))]


def get(model, ident, *options):
    # populate_existing: a row this session holds already (just committed) is loaded again,
    # with the options, instead of handed back as it is.
    found = db.session.get(model, ident, options=options, populate_existing=True)
    if found is None:
        abort(404, description=f"{model.__name__.lower()} {ident} does not exist")
    return found


@bp.route("/authors")
def list_authors():
    authors = db.session.scalars(db.select(Author).options(BOOKS).order_by(Author.id))
    return jsonify([author_dict(a) for a in authors])


@bp.route("/authors", methods=["POST"])
def add_author():
    author = Author(name=words(fields(), "name"), books=[])
    db.session.add(author)
    db.session.commit()
    return jsonify(author_dict(get(Author, author.id, BOOKS))), 201


@bp.route("/authors/<int:author_id>")
def show_author(author_id):
    return jsonify(author_dict(get(Author, author_id, BOOKS)))


@bp.route("/authors/<int:author_id>", methods=["DELETE"])
def delete_author(author_id):
    db.session.delete(get(Author, author_id, BOOKS))
    db.session.commit()
    return "", 204


@bp.route("/authors/<int:author_id>/books", methods=["POST"])
def add_book(author_id):
    author = get(Author, author_id)
    data = fields()
    book = Book(title=words(data, "title"), stock=copies(data), author_id=author.id,
                tags=tag_list(data))
    db.session.add(book)
    db.session.commit()
    return jsonify(book_dict(get(Book, book.id, selectinload(Book.tags)))), 201


@bp.route("/books/<int:book_id>", methods=["DELETE"])
def delete_book(book_id):
    db.session.delete(get(Book, book_id, selectinload(Book.tags)))
    db.session.commit()
    return "", 204


@bp.route("/tags")
def list_tags():
    return jsonify(db.session.scalars(db.select(Tag.name).order_by(Tag.name)).all())


@bp.route("/tags/<name>/books")
def tagged(name):
    tag = db.session.scalars(db.select(Tag).filter_by(name=name)).first()
    if tag is None:
        abort(404, description=f"tag {name} does not exist")
    books = db.select(Book).join(Book.tags).where(Tag.id == tag.id).order_by(Book.id)
    return jsonify([book_dict(b) for b in db.session.scalars(books.options(selectinload(Book.tags)))])
