"""A reading list in one module: flask-smorest with view functions instead of MethodViews."""

import itertools

from flask import Flask, current_app, url_for
from flask_smorest import Api, Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validate, validates

SHELVES = ["to-read", "reading", "read"]


class Book(Schema):
    id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    author = fields.Str(required=True, validate=validate.Length(min=1, max=100))
    pages = fields.Int(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    shelf = fields.Str(load_default="to-read", validate=validate.OneOf(SHELVES))

    @validates("title", "author")
    def has_text(self, value, data_key, **kwargs):
        """marshmallow 4 hands a @validates method the field's data_key as well."""
        if value.strip() == "":
            raise ValidationError(f"{data_key} needs more than spaces.")


class Filter(Schema):
    shelf = fields.Str(validate=validate.OneOf(SHELVES))


blp = Blueprint("reading", __name__, url_prefix="/api/books")


class Shelf:
    """The app's books, in the order they were added, and the next id."""

    def __init__(self):
        self.books = []
        self.ids = itertools.count(1)

    def find(self, book_id):
        for book in self.books:
            if book["id"] == book_id:
                return book
        abort(404, message=f"Book {book_id} is not on the list.")


def shelf():
    return current_app.extensions["reading-list"]


@blp.route("", methods=["GET"])
@blp.arguments(Filter, location="query")
@blp.response(200, Book(many=True))
@blp.paginate(page_size=10, max_page_size=50)
def list_books(filters, pagination_parameters):
    """Books, oldest first"""
    wanted = [b for b in shelf().books if filters.get("shelf") in (None, b["shelf"])]
    pagination_parameters.item_count = len(wanted)
    start = pagination_parameters.first_item
    return wanted[start:start + pagination_parameters.page_size]


@blp.route("", methods=["POST"])
@blp.arguments(Book)
@blp.response(201, Book)
def add_book(data):
    """Add a book"""
    book = {"id": next(shelf().ids), **data}
    shelf().books.append(book)
    return book, {"Location": url_for("reading.one_book", book_id=book["id"])}


@blp.route("/<int:book_id>", methods=["GET"])
@blp.response(200, Book)
@blp.alt_response(404, response="NOT_FOUND")
def one_book(book_id):
    """One book"""
    return shelf().find(book_id)


@blp.route("/<int:book_id>", methods=["PUT"])
@blp.arguments(Book)
@blp.response(200, Book)
@blp.alt_response(404, response="NOT_FOUND")
def replace_book(data, book_id):
    """Replace a book"""
    book = shelf().find(book_id)
    book.clear()
    book.update({"id": book_id, **data})
    return book


@blp.route("/<int:book_id>", methods=["DELETE"])
@blp.response(204)
@blp.alt_response(404, response="NOT_FOUND")
def delete_book(book_id):
    """Delete a book"""
    shelf().books.remove(shelf().find(book_id))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(API_TITLE="Reading list", API_VERSION="1.0", OPENAPI_VERSION="3.1.0",
                      OPENAPI_URL_PREFIX="/", OPENAPI_JSON_PATH="openapi.json")
    app.config.update(config or {})
    app.extensions["reading-list"] = Shelf()
    api = Api(app)
    api.register_blueprint(blp)
    return app
