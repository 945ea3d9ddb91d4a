"""The bookshop with class-based views."""

import re
from pathlib import Path

from flask import Flask, abort, jsonify, request
from flask.views import MethodView
from flask_migrate import Migrate
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db

TAG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WITH_BOOKS = joinedload(Author.books).selectinload(Book.tags)


def book_json(book):
    return {"id": book.id, "title": book.title, "author_id": book.author_id,
            "stock": book.stock, "tags": [t.name for t in book.tags]}


def author_json(author):
    return {"id": author.id, "name": author.name, "books": [book_json(b) for b in author.books]}


def body():
    data = request.get_json(silent=True)
    if type(data) is not dict:
        abort(400, "the body must be a JSON object")
    return data


def text(data, key):
    value = data.get(key)
    if type(value) is not str or value.strip() == "":
        abort(400, f"{key}: give a non-empty string")
    return value.strip()


def stock(data):
    value = data.get("stock", 0)
    if type(value) is not int or value < 0 or value > 1_000_000:
        abort(400, "stock: a whole number from 0 to 1000000")
    return value


def tags(data):
    value = data.get("tags", [])
    if type(value) is not list:
        abort(400, "tags: a list of names")
    for name in value:
        if type(name) is not str or len(name) > 30 or TAG.fullmatch(name) is None:
            abort(400, f"tags: {name!r} is not a tag name")
    return sorted(set(value))


def found(model, ident, *options):
    row = db.session.get(model, ident, options=options)
    if row is None:
        abort(404, f"no {model.__tablename__} {ident}")
    return row


class Authors(MethodView):
    def get(self):
        rows = db.session.scalars(select(Author).options(WITH_BOOKS).order_by(Author.id))
        return jsonify([author_json(a) for a in rows.unique()])

    def post(self):
        author = Author(name=text(body(), "name"))
        db.session.add(author)
        db.session.commit()
        return jsonify(author_json(author)), 201


class OneAuthor(MethodView):
    def get(self, author_id):
        return jsonify(author_json(found(Author, author_id, WITH_BOOKS)))

    def delete(self, author_id):
        db.session.delete(found(Author, author_id))
        db.session.commit()
        return "", 204


class AuthorBooks(MethodView):
    def post(self, author_id):
        author = found(Author, author_id)
        data = body()
        book = Book(title=text(data, "title"), stock=stock(data), author=author)
        names = tags(data)
        db.session.add(book)
        for name in names:
            book.tags.append(db.session.scalar(select(Tag).filter_by(name=name)) or Tag(name=name))
        db.session.commit()
        return jsonify(book_json(book)), 201


class OneBook(MethodView):
    def delete(self, book_id):
        db.session.delete(found(Book, book_id))
        db.session.commit()
        return "", 204


class Tags(MethodView):
    def get(self):
        return jsonify(list(db.session.scalars(select(Tag.name).order_by(Tag.name))))


class TagBooks(MethodView):
    def get(self, name):
        if db.session.scalar(select(Tag).filter_by(name=name)) is None:
            abort(404, f"no tag {name!r}")
        query = (select(Book).where(Book.tags.any(Tag.name == name))
                 .options(selectinload(Book.tags)).order_by(Book.id))
        return jsonify([book_json(b) for b in db.session.scalars(query)])


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    app.config.update(config or {})
    db.init_app(app)
    Migrate(app, db, directory=str(Path(__file__).parent / "migrations"))
    app.add_url_rule("/authors", view_func=Authors.as_view("authors"))
    app.add_url_rule("/authors/<int:author_id>", view_func=OneAuthor.as_view("author"))
    app.add_url_rule("/authors/<int:author_id>/books", view_func=AuthorBooks.as_view("author_books"))
    app.add_url_rule("/books/<int:book_id>", view_func=OneBook.as_view("book"))
    app.add_url_rule("/tags", view_func=Tags.as_view("tags"))
    app.add_url_rule("/tags/<name>/books", view_func=TagBooks.as_view("tag_books"))

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.description), error.code

    return app
