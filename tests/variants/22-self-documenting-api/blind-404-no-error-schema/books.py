"""The books resource, /api/books and /api/books/<id>, as a flask-smorest Blueprint.

Each decorator does a job at request time and writes its part of the OpenAPI document:
arguments (validate the input, or 422), response (shape the output, and its status code),
alt_response (document another answer, here the 404), paginate (page and page_size).
"""

from typing import NoReturn

from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, Page, abort

from schemas import BookQuerySchema, BookSchema
from store import BookStore

blp = Blueprint("books", __name__, url_prefix="/api", description="Books on a reading list.")


def books() -> BookStore:
    """This app's store (create_app made it)."""
    return current_app.extensions["books"]


def not_found(book_id: int) -> NoReturn:
    """Answer 404 in flask-smorest's error shape, naming the id that was asked for."""
    abort(404, message=f"There is no book with id {book_id}.")


@blp.route("/books")
class Books(MethodView):
    @blp.arguments(BookQuerySchema, location="query")
    @blp.response(200, BookSchema(many=True))
    @blp.paginate(Page, page_size=10, max_page_size=50)
    def get(self, query):
        """List books, oldest first, one page at a time

        Filter by shelf with ?shelf=; the X-Pagination header says where this page stands.
        """
        return books().all(shelf=query.get("shelf"))

    @blp.arguments(BookSchema)
    @blp.response(201, BookSchema)
    def post(self, fields):
        """Add a book"""
        book = books().add(fields)
        return book, {"Location": url_for("books.BookById", book_id=book["id"])}


@blp.route("/books/<int:book_id>")
class BookById(MethodView):
    @blp.response(200, BookSchema)
    @blp.alt_response(404, description="There is no book with this id.")
    def get(self, book_id):
        """Get one book"""
        book = books().get(book_id)
        if book is None:
            not_found(book_id)
        return book

    # The body's fields come first, then the URL's book_id.
    @blp.arguments(BookSchema)
    @blp.response(200, BookSchema)
    @blp.alt_response(404, description="There is no book with this id.")
    def put(self, fields, book_id):
        """Replace a book: every field as in POST; one left out gets its default again"""
        book = books().replace(book_id, fields)
        if book is None:
            not_found(book_id)
        return book

    @blp.response(204)
    @blp.alt_response(404, description="There is no book with this id.")
    def delete(self, book_id):
        """Delete a book"""
        if not books().delete(book_id):
            not_found(book_id)
