import os
import re

from flask import Flask, jsonify, request
from flask_migrate import Migrate
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db

HERE = os.path.dirname(os.path.abspath(__file__))
TAG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class Invalid(Exception):
    def __init__(self, errors, status=400):
        self.errors, self.status = errors, status


def serialize_book(b):
    return {"id": b.id, "title": b.title, "author_id": b.author_id, "stock": b.stock,
            "tags": sorted({t.name for t in b.tags})}


def serialize_author(a):
    return {"id": a.id, "name": a.name, "books": [serialize_book(b) for b in sorted(a.books, key=lambda b: b.id)]}


def payload():
    if not request.is_json:
        raise Invalid({"body": "expected a JSON object"})
    try:
        data = request.get_json()
    except HTTPException:
        raise Invalid({"body": "expected a JSON object"})
    if not isinstance(data, dict):
        raise Invalid({"body": "expected a JSON object"})
    return data


def check_book(data):
    errors = {}
    title = data.get("title")
    if not (isinstance(title, str) and title.strip()):
        errors["title"] = "required, a non-blank string"
    stock = data.get("stock", 0)
    if type(stock) is not int or not (0 <= stock <= 1000000):
        errors["stock"] = "a whole number between 0 and 1000000"
    tags = data.get("tags", [])
    if not isinstance(tags, list):
        errors["tags"] = "a list of tag names"
    else:
        bad = [t for t in tags if not isinstance(t, str) or len(t) > 30 or TAG.fullmatch(t) is None]
        if bad:
            errors["tags"] = f"invalid tag names: {bad!r}"
    if errors:
        raise Invalid(errors)
    return title.strip(), stock, sorted(set(tags))


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    if test_config is not None:
        app.config.update(test_config)
    db.init_app(app)
    Migrate(app, db, directory=os.path.join(HERE, "migrations"))

    @app.errorhandler(Invalid)
    def invalid(e):
        return jsonify(errors=e.errors), e.status

    @app.errorhandler(HTTPException)
    def http(e):
        resp = e.get_response()
        resp.set_data(jsonify(error=e.name, detail=e.description).get_data())
        resp.mimetype = "application/json"
        return resp

    def not_found(what):
        return jsonify(error=f"{what} not found"), 404

    full_author = joinedload(Author.books).joinedload(Book.tags)

    @app.route("/authors", methods=["GET"])
    def authors_index():
        rows = db.session.execute(db.select(Author).options(full_author).order_by(Author.id)).unique().scalars().all()
        return jsonify([serialize_author(a) for a in rows])

    @app.route("/authors", methods=["POST"])
    def authors_create():
        data = payload()
        name = data.get("name")
        if not (isinstance(name, str) and name.strip()):
            raise Invalid({"name": "required, a non-blank string"})
        a = Author(name=name.strip())
        db.session.add(a)
        db.session.commit()
        return jsonify(serialize_author(a)), 201

    @app.route("/authors/<int:author_id>", methods=["GET"])
    def authors_show(author_id):
        row = db.session.execute(db.select(Author).options(full_author).where(Author.id == author_id)).unique().scalar_one_or_none()
        if row is None:
            return not_found("author")
        return jsonify(serialize_author(row))

    @app.route("/authors/<int:author_id>", methods=["DELETE"])
    def authors_delete(author_id):
        a = db.session.get(Author, author_id)
        if a is None:
            return not_found("author")
        db.session.delete(a)
        db.session.commit()
        return "", 204

    @app.route("/authors/<int:author_id>/books", methods=["POST"])
    def books_create(author_id):
        a = db.session.get(Author, author_id)
        if a is None:
            return not_found("author")
        title, stock, names = check_book(payload())
        existing = {}
        if names:
            existing = {t.name: t for t in db.session.execute(db.select(Tag).where(Tag.name.in_(names))).scalars()}
        b = Book(title=title, stock=stock)
        b.tags = [existing.get(n) or Tag(name=n) for n in names]
        a.books.append(b)
        db.session.commit()
        return jsonify(serialize_book(b)), 201

    @app.route("/books/<int:book_id>", methods=["DELETE"])
    def books_delete(book_id):
        b = db.session.get(Book, book_id)
        if b is None:
            return not_found("book")
        db.session.delete(b)
        db.session.commit()
        return "", 204

    @app.route("/tags")
    def tags_index():
        return jsonify([t.name for t in db.session.execute(db.select(Tag).order_by(Tag.name)).scalars()])

    @app.route("/tags/<name>/books")
    def tags_books(name):
        tag = db.session.execute(db.select(Tag).where(Tag.name == name)).scalar_one_or_none()
        if tag is None:
            return not_found("tag")
        rows = db.session.execute(
            db.select(Book).join(book_tag_table(), Book.id == book_tag_table().c.book_id)
            .where(book_tag_table().c.tag_id == tag.id)
            .options(joinedload(Book.tags)).order_by(Book.id)).unique().scalars().all()
        return jsonify([serialize_book(b) for b in rows])

    return app


def book_tag_table():
    from models import book_tag
    return book_tag
