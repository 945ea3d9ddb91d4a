"""The books resource, /api/books and /api/books/<id>, as a flask-smorest Blueprint.

Each decorator does a job at request time and writes its part of the OpenAPI document. The
list and the creation work, without pagination, a Location or any rule from the schema; the
rest is yours.
"""

from flask import current_app, url_for  # noqa: F401  (you will need url_for)
from flask.views import MethodView
from flask_smorest import Blueprint, Page, abort  # noqa: F401  (you will need them)
from flask_smorest.error_handler import ErrorSchema  # noqa: F401  (to document the 404)

from schemas import BookQuerySchema, BookSchema  # noqa: F401
from store import BookStore

blp = Blueprint("books", __name__, url_prefix="/api", description="Books on a reading list.")


def books() -> BookStore:
    """This app's store (create_app made it)."""
    return current_app.extensions["books"]


@blp.route("/books")
class Books(MethodView):
    # TODO: ?shelf= through BookQuerySchema (location="query"), and pages of 10 books by default,
    #       at most 50 (@blp.paginate, below @blp.response). The store's all(shelf=...) filters.
    @blp.response(200, BookSchema(many=True))
    def get(self):
        """List books, oldest first"""
        return books().all()

    # TODO: 201 Created, with a Location header naming the new book's URL.
    @blp.arguments(BookSchema)
    @blp.response(200, BookSchema)
    def post(self, fields):
        """Add a book"""
        return books().add(fields)


@blp.route("/books/<int:book_id>")
class BookById(MethodView):
    # TODO: GET the book, or 404 with abort(404, message=...) naming the id. Document the 404
    #       with @blp.alt_response(404, schema=ErrorSchema), or the document will not mention it.
    # TODO: PUT replaces the book (a body like POST's; the store's replace()); 404 if none.
    # TODO: DELETE answers 204 with no body; 404 if there is no such book.
    @blp.response(200, BookSchema)
    def get(self, book_id):
        """Get one book"""
        abort(501, message="GET /api/books/<id> is not written yet: see the TODOs in books.py.")
