from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Flask, abort, jsonify, make_response, request
from flask_migrate import Migrate
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db

api = Blueprint("api", __name__)
NAME = re.compile(r"(?:[a-z0-9]+-)*[a-z0-9]+")
MAX_STOCK = 10**6


def fail(status, message):
    abort(make_response(jsonify(message=message), status))


def as_dict(book: Book) -> dict:
    return dict(id=book.id, title=book.title, author_id=book.author_id, stock=book.stock,
                tags=[tag.name for tag in book.tags])


def author_dict(author: Author) -> dict:
    return dict(id=author.id, name=author.name, books=[as_dict(b) for b in author.books])


def with_books():
    return selectinload(Author.books).selectinload(Book.tags)


def load_author(author_id: int, *opts) -> Author:
    author = db.session.scalars(select(Author).where(Author.id == author_id).options(*opts)).one_or_none()
    if author is None:
        fail(404, f"author {author_id} not found")
    return author


def read_object() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        fail(400, "request body must be a JSON object")
    return data


def nonblank(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or value.isspace() or not value:
        fail(400, f"{key}: must be a string that is not blank")
    return value.strip()


@api.get("/authors")
def authors():
    rows = db.session.scalars(select(Author).options(with_books()).order_by(Author.id)).all()
    return jsonify([author_dict(a) for a in rows])


@api.post("/authors")
def new_author():
    author = Author(name=nonblank(read_object(), "name"))
    author.books = []
    db.session.add(author)
    db.session.commit()
    return jsonify(dict(id=author.id, name=author.name, books=[])), 201


@api.get("/authors/<int:author_id>")
def one_author(author_id):
    return jsonify(author_dict(load_author(author_id, with_books())))


@api.delete("/authors/<int:author_id>")
def remove_author(author_id):
    author = load_author(author_id, with_books())
    for book in list(author.books):
        db.session.delete(book)
    db.session.delete(author)
    db.session.commit()
    return "", 204


@api.post("/authors/<int:author_id>/books")
def new_book(author_id):
    author = load_author(author_id, selectinload(Author.books))
    data = read_object()
    title = nonblank(data, "title")
    stock = data["stock"] if "stock" in data else 0
    if isinstance(stock, bool) or not isinstance(stock, int) or stock < 0 or stock > MAX_STOCK:
        fail(400, "stock: must be a whole number from 0 to 1000000")
    names = data["tags"] if "tags" in data else []
    if not isinstance(names, list):
        fail(400, "tags: must be a list")
    if not all(isinstance(n, str) and len(n) <= 30 and NAME.fullmatch(n) for n in names):
        fail(400, "tags: each must be lowercase words joined by single hyphens, 30 characters at most")
    names = sorted(set(names))
    known = {t.name: t for t in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    book = Book(title=title, stock=stock, tags=[known.get(n, None) or Tag(name=n) for n in names])
    author.books.append(book)
    db.session.commit()
    book = db.session.scalars(select(Book).where(Book.id == book.id).options(selectinload(Book.tags))).one()
    return jsonify(as_dict(book)), 201


@api.delete("/books/<int:book_id>")
def remove_book(book_id):
    book = db.session.scalars(select(Book).where(Book.id == book_id).options(selectinload(Book.tags))).one_or_none()
    if book is None:
        fail(404, f"book {book_id} not found")
    db.session.delete(book)
    db.session.commit()
    return "", 204


@api.get("/tags")
def tags():
    return jsonify(list(db.session.scalars(select(Tag.name).order_by(Tag.name))))


@api.get("/tags/<name>/books")
def tag_books(name):
    tag = db.session.scalars(select(Tag).where(Tag.name == name).options(
        selectinload(Tag.books).selectinload(Book.tags))).one_or_none()
    if tag is None:
        fail(404, f"tag {name!r} not found")
    return jsonify([as_dict(b) for b in tag.books])


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    app.config.update(config or {})
    db.init_app(app)
    Migrate(app, db, directory=str(Path(__file__).with_name("migrations")))
    app.register_blueprint(api)

    @app.errorhandler(HTTPException)
    def as_json(err):
        response = err.get_response()
        if response.mimetype == "application/json":
            return response
        response.set_data(jsonify(message=err.description).get_data())
        response.mimetype = "application/json"
        return response

    return app
