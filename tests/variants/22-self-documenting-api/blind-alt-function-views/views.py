"""The reading list's routes as plain functions, one per method."""

from flask import current_app, url_for
from flask_smorest import Blueprint, abort
from flask_smorest.error_handler import ErrorSchema

from schemas import BookSchema, ShelfFilterSchema

blp = Blueprint("reading", __name__, url_prefix="/api", description="The reading list.")
NOT_FOUND = {"schema": ErrorSchema, "description": "No such book."}


def store():
    return current_app.extensions["reading_list"]


def missing(book_id):
    abort(404, message=f"Book {book_id} does not exist (no book with id {book_id}).")


@blp.route("/books", methods=["GET"])
@blp.arguments(ShelfFilterSchema, location="query")
@blp.response(200, BookSchema(many=True))
@blp.paginate(page_size=10, max_page_size=50)
def list_books(args, pagination_parameters):
    """List the books, oldest first"""
    shelf = args.get("shelf")
    p = pagination_parameters
    p.item_count = store().count(shelf)
    return store().window(p.first_item, p.last_item + 1, shelf)


@blp.route("/books", methods=["POST"])
@blp.arguments(BookSchema)
@blp.response(201, BookSchema)
def add_book(data):
    """Add a book"""
    book = store().add(data)
    return book, {"Location": url_for("reading.read_book", book_id=book["id"], _external=True)}


@blp.route("/books/<int:book_id>", methods=["GET"])
@blp.response(200, BookSchema)
@blp.alt_response(404, **NOT_FOUND)
def read_book(book_id):
    """Read one book"""
    book = store().get(book_id)
    if book is None:
        missing(book_id)
    return book


@blp.route("/books/<int:book_id>", methods=["PUT"])
@blp.arguments(BookSchema)
@blp.response(200, BookSchema)
@blp.alt_response(404, **NOT_FOUND)
def replace_book(data, book_id):
    """Replace a book"""
    book = store().replace(book_id, data)
    if book is None:
        missing(book_id)
    return book


@blp.route("/books/<int:book_id>", methods=["DELETE"])
@blp.response(204)
@blp.alt_response(404, **NOT_FOUND)
def remove_book(book_id):
    """Remove a book"""
    if not store().delete(book_id):
        missing(book_id)
