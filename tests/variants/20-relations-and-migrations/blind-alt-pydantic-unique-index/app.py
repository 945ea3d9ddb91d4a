"""Bookshop v2: plain routes inside the factory, pydantic for the bodies."""

from pathlib import Path

from flask import Flask, abort, jsonify, request
from flask_migrate import Migrate
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from models import Author, Book, Tag, author_json, db
from schemas import AuthorIn, BookIn


def parse(schema):
    if request.mimetype != "application/json":
        abort(400, "send the body as application/json")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        abort(400, problems)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite:///bookshop.db")
    if config:
        app.config.update(config)
    db.init_app(app)
    Migrate(app, db, directory=str(Path(__file__).parent / "migrations"))

    @app.errorhandler(HTTPException)
    def as_json(exc):
        response = exc.get_response()
        response.set_data(jsonify(status=exc.code, message=exc.description).get_data())
        response.mimetype = "application/json"
        return response

    @app.route("/authors", methods=["GET"])
    def authors():
        return jsonify([author_json(a) for a in db.session.scalars(db.select(Author).order_by(Author.id))])

    @app.route("/authors", methods=["POST"])
    def add_author():
        body = parse(AuthorIn)
        author = Author(name=body.name)
        db.session.add(author)
        db.session.commit()
        return jsonify(author_json(author)), 201

    @app.route("/authors/<int:author_id>", methods=["GET"])
    def one_author(author_id):
        return jsonify(author_json(db.get_or_404(Author, author_id, description=f"no author {author_id}")))

    @app.route("/authors/<int:author_id>", methods=["DELETE"])
    def remove_author(author_id):
        db.session.delete(db.get_or_404(Author, author_id, description=f"no author {author_id}"))
        db.session.commit()
        return "", 204

    @app.route("/authors/<int:author_id>/books", methods=["POST"])
    def add_book(author_id):
        author = db.get_or_404(Author, author_id, description=f"no author {author_id}")
        body = parse(BookIn)
        names = sorted(set(body.tags))
        tags = {t.name: t for t in db.session.scalars(db.select(Tag).where(Tag.name.in_(names)))}
        for name in names:
            tags.setdefault(name, Tag(name=name))
        book = Book(title=body.title, stock=body.stock, author=author,
                    tags=[tags[name] for name in names])
        db.session.add(book)
        db.session.commit()
        return jsonify(book.as_json()), 201

    @app.route("/books/<int:book_id>", methods=["DELETE"])
    def remove_book(book_id):
        db.session.delete(db.get_or_404(Book, book_id, description=f"no book {book_id}"))
        db.session.commit()
        return "", 204

    @app.route("/tags")
    def tags():
        return jsonify(list(db.session.scalars(db.select(Tag.name).order_by(Tag.name))))

    @app.route("/tags/<name>/books")
    def tagged(name):
        db.first_or_404(db.select(Tag).where(Tag.name == name), description=f"no tag {name!r}")
        # Book.tags loads with selectin, so asking for the books (not tag.books) costs one
        # query for the books and one for all their tags.
        query = db.select(Book).where(Book.tags.any(Tag.name == name)).order_by(Book.id)
        return jsonify([b.as_json() for b in db.session.scalars(query)])

    return app
