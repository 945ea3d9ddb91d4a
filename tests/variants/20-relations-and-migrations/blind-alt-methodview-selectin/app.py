"""Bookshop v2, written with MethodView classes."""
import re
from pathlib import Path

from flask import Flask, abort, jsonify, request
from flask.views import MethodView
from flask_migrate import Migrate
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///bookshop.db"}
TAG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


def book_json(book):
    return {"id": book.id, "title": book.title, "author_id": book.author_id,
            "stock": book.stock, "tags": [t.name for t in book.tags]}


def author_json(author):
    return {"id": author.id, "name": author.name, "books": [book_json(b) for b in author.books]}


def body():
    data = request.get_json(force=True, silent=True)
    if type(data) is not dict:
        abort(400, "the body must be a JSON object")
    return data


def text_field(data, key):
    value = data.get(key)
    if type(value) is not str or value.strip() == "":
        abort(400, f"'{key}' must be a non-blank string")
    return value.strip()


def stock_field(data):
    if "stock" not in data:
        return 0
    value = data["stock"]
    if type(value) is not int or value < 0 or value > 1_000_000:
        abort(400, "'stock' must be an integer from 0 to 1000000")
    return value


def tags_field(data):
    if "tags" not in data:
        return []
    value = data["tags"]
    if type(value) is not list:
        abort(400, "'tags' must be a list")
    for item in value:
        if type(item) is not str or len(item) > 30 or not TAG_RE.match(item):
            abort(400, f"bad tag name: {item!r}")
    wanted = sorted(set(value))
    if not wanted:
        return []
    found = db.session.scalars(db.select(Tag).where(Tag.name.in_(wanted))).all()
    by_name = {t.name: t for t in found}
    return [by_name[n] if n in by_name else Tag(name=n) for n in wanted]


class AuthorList(MethodView):
    def get(self):
        return jsonify([author_json(a) for a in db.session.scalars(db.select(Author).order_by(Author.id))])

    def post(self):
        data = body()
        author = Author(name=text_field(data, "name"))
        db.session.add(author)
        db.session.commit()
        return author_json(author), 201


class AuthorItem(MethodView):
    def _author(self, author_id):
        author = db.session.get(Author, author_id)
        if author is None:
            abort(404, f"no author with id {author_id}")
        return author

    def get(self, author_id):
        return author_json(self._author(author_id))

    def delete(self, author_id):
        db.session.delete(self._author(author_id))
        db.session.commit()
        return "", 204


class AuthorBooks(MethodView):
    def post(self, author_id):
        author = db.session.get(Author, author_id)
        if author is None:
            abort(404, f"no author with id {author_id}")
        data = body()
        title = text_field(data, "title")
        stock = stock_field(data)
        tags = tags_field(data)
        book = Book(title=title, stock=stock, tags=tags, author=author)
        db.session.add(book)
        db.session.commit()
        return book_json(book), 201


class BookItem(MethodView):
    def delete(self, book_id):
        book = db.session.get(Book, book_id)
        if book is None:
            abort(404, f"no book with id {book_id}")
        db.session.delete(book)
        db.session.commit()
        return "", 204


class TagList(MethodView):
    def get(self):
        return jsonify(db.session.scalars(db.select(Tag.name).order_by(Tag.name)).all())


class TagBooks(MethodView):
    def get(self, name):
        tag = db.session.scalars(db.select(Tag).where(Tag.name == name)).first()
        if tag is None:
            abort(404, f"no tag named {name!r}")
        books = db.session.scalars(
            db.select(Book).join(Book.tags).where(Tag.id == tag.id).order_by(Book.id)).all()
        return jsonify([book_json(b) for b in books])


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    db.init_app(app)
    Migrate(app, db, directory=str(Path(__file__).parent / "migrations"))

    app.add_url_rule("/authors", view_func=AuthorList.as_view("authors"))
    app.add_url_rule("/authors/<int:author_id>", view_func=AuthorItem.as_view("author"))
    app.add_url_rule("/authors/<int:author_id>/books", view_func=AuthorBooks.as_view("author_books"))
    app.add_url_rule("/books/<int:book_id>", view_func=BookItem.as_view("book"))
    app.add_url_rule("/tags", view_func=TagList.as_view("tags"))
    app.add_url_rule("/tags/<name>/books", view_func=TagBooks.as_view("tag_books"))

    @app.errorhandler(HTTPException)
    def http_error(error):
        response = jsonify(error=error.description, status=error.code)
        response.status_code = error.code
        for header in ("Allow",):
            if header in error.get_response().headers:
                response.headers[header] = error.get_response().headers[header]
        return response

    return app
