"""The bookshop, its routes written inside the factory."""

import re

from flask import Flask, abort, jsonify, request
from flask_migrate import Migrate
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, db


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///bookshop.db")
    app.config.from_mapping(config or {})
    db.init_app(app)
    Migrate(app, db)

    @app.errorhandler(HTTPException)
    def json_error(e):
        return {"error": e.description, "status": e.code}, e.code

    def payload():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, "expected a JSON object")
        return data

    def non_blank(data, field):
        value = data.get(field)
        if not (isinstance(value, str) and value.strip()):
            abort(400, f"'{field}' is required")
        return value

    @app.route("/authors", methods=["GET"])
    def authors():
        return jsonify([a.as_json() for a in Author.query.order_by(Author.id).all()])

    @app.route("/authors", methods=["POST"])
    def add_author():
        author = Author(name=non_blank(payload(), "name"))
        db.session.add(author)
        db.session.commit()
        return jsonify(author.as_json()), 201

    @app.route("/authors/<int:author_id>", methods=["GET"])
    def author(author_id):
        return jsonify(db.get_or_404(Author, author_id).as_json())

    @app.route("/authors/<int:author_id>", methods=["DELETE"])
    def remove_author(author_id):
        db.session.delete(db.get_or_404(Author, author_id))
        db.session.commit()
        return "", 204

    @app.route("/authors/<int:author_id>/books", methods=["POST"])
    def add_book(author_id):
        author = db.get_or_404(Author, author_id)
        data = payload()
        title = non_blank(data, "title")
        stock = data.get("stock", 0)
        if isinstance(stock, bool) or not isinstance(stock, int) or not 0 <= stock <= 10**6:
            abort(400, "'stock' must be an integer from 0 to 1000000")
        names = data.get("tags", [])
        if not isinstance(names, list) or not all(
                isinstance(n, str) and len(n) <= 30 and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", n)
                for n in names):
            abort(400, "'tags' must be a list of lowercase tag names")
        tags = []
        for name in sorted(set(names)):
            tags.append(Tag.query.filter_by(name=name).first() or Tag(name=name))
        book = Book(title=title, stock=stock, tags=tags)
        author.books.append(book)
        db.session.commit()
        return jsonify(book.as_json()), 201

    @app.route("/books/<int:book_id>", methods=["DELETE"])
    def remove_book(book_id):
        db.session.delete(db.get_or_404(Book, book_id))
        db.session.commit()
        return "", 204

    @app.route("/tags")
    def tags():
        return jsonify([t.name for t in Tag.query.order_by(Tag.name)])

    @app.route("/tags/<name>/books")
    def tag_books(name):
        tag = Tag.query.filter_by(name=name).first_or_404()
        return jsonify([b.as_json() for b in tag.books])

    return app
