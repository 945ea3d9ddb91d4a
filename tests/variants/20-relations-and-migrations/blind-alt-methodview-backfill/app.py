"""Bookshop v2, with class-based views (MethodView)."""

import os

from flask import Flask, jsonify
from flask.views import MethodView
from flask_migrate import Migrate
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import HTTPException, NotFound

import validate
from models import Author, Book, Tag, db
from serialize import author_json, book_json

HERE = os.path.dirname(os.path.abspath(__file__))


def full_author():
    return joinedload(Author.books).selectinload(Book.tags)


class AuthorList(MethodView):
    def get(self):
        query = db.select(Author).options(full_author()).order_by(Author.id)
        authors = db.session.scalars(query).unique().all()
        return jsonify([author_json(a) for a in authors])

    def post(self):
        data = validate.body()
        author = Author(name=validate.text(data, "name"))
        db.session.add(author)
        db.session.commit()
        return jsonify(author_json(author)), 201


def find_author(author_id, *options):
    author = db.session.get(Author, author_id, options=options)
    if not author:
        raise NotFound(f"author {author_id} not found")
    return author


class AuthorItem(MethodView):
    def get(self, author_id):
        return jsonify(author_json(find_author(author_id, full_author())))

    def delete(self, author_id):
        author = find_author(author_id)
        db.session.delete(author)
        db.session.commit()
        return "", 204


class AuthorBooks(MethodView):
    def post(self, author_id):
        author = find_author(author_id)
        data = validate.body()
        title = validate.text(data, "title")
        stock = validate.stock(data)
        names = validate.tags(data)
        known = {t.name: t for t in db.session.scalars(db.select(Tag).where(Tag.name.in_(names)))}
        book = Book(title=title, stock=stock)
        book.tags = [known[n] if n in known else Tag(name=n) for n in names]
        author.books.append(book)
        db.session.commit()
        return jsonify(book_json(book)), 201


class BookItem(MethodView):
    def delete(self, book_id):
        book = db.session.get(Book, book_id)
        if not book:
            raise NotFound(f"book {book_id} not found")
        db.session.delete(book)
        db.session.commit()
        return "", 204


class TagList(MethodView):
    def get(self):
        return jsonify(db.session.scalars(db.select(Tag.name).order_by(Tag.name)).all())


class TagBooks(MethodView):
    def get(self, name):
        tag = db.session.scalars(db.select(Tag).where(Tag.name == name)).one_or_none()
        if tag is None:
            raise NotFound(f"tag {name!r} not found")
        query = (db.select(Book).join(Book.tags).where(Tag.id == tag.id)
                 .options(selectinload(Book.tags)).order_by(Book.id))
        return jsonify([book_json(b) for b in db.session.scalars(query)])


def json_error(error):
    return jsonify(error=error.name, detail=error.description), error.code


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "bookshop.db")
    app.config.update(config or {})
    os.makedirs(app.instance_path, exist_ok=True)
    db.init_app(app)
    Migrate(app, db, directory=os.path.join(HERE, "migrations"))
    app.register_error_handler(HTTPException, json_error)
    app.add_url_rule("/authors", view_func=AuthorList.as_view("authors"))
    app.add_url_rule("/authors/<int:author_id>", view_func=AuthorItem.as_view("author"))
    app.add_url_rule("/authors/<int:author_id>/books", view_func=AuthorBooks.as_view("author_books"))
    app.add_url_rule("/books/<int:book_id>", view_func=BookItem.as_view("book"))
    app.add_url_rule("/tags", view_func=TagList.as_view("tags"))
    app.add_url_rule("/tags/<name>/books", view_func=TagBooks.as_view("tag_books"))
    return app
