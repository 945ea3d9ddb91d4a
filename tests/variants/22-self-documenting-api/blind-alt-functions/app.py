"""Reading list with flask-smorest, one plain view function per operation."""

from flask import Flask, current_app, url_for
from flask_smorest import Api, Blueprint, Page, abort
from flask_smorest.error_handler import ErrorSchema

from schemas import BookSchema, ShelfFilter
from store import BookStore

blp = Blueprint("reading", __name__, url_prefix="/api", description="The reading list")
NOT_FOUND = dict(schema=ErrorSchema, description="No such book")


def store():
    return current_app.extensions["books"]


def book_or_404(book_id):
    book = store().get(book_id)
    if book is None:
        abort(404, message=f"Book {book_id} was not found.")
    return book


@blp.route("/books", methods=["GET"])
@blp.arguments(ShelfFilter, location="query")
@blp.response(200, BookSchema(many=True))
@blp.paginate(Page, page_size=10, max_page_size=50)
def list_books(args):
    """List the books"""
    return store().all(shelf=args.get("shelf"))


@blp.route("/books", methods=["POST"])
@blp.arguments(BookSchema)
@blp.response(201, BookSchema)
def add_book(data):
    """Add a book"""
    book = store().add(data)
    return book, 201, {"Location": url_for("reading.show_book", book_id=book["id"])}


@blp.route("/books/<int:book_id>", methods=["GET"])
@blp.response(200, BookSchema)
@blp.alt_response(404, **NOT_FOUND)
def show_book(book_id):
    """One book"""
    return book_or_404(book_id)


@blp.route("/books/<int:book_id>", methods=["PUT"])
@blp.arguments(BookSchema)
@blp.response(200, BookSchema)
@blp.alt_response(404, **NOT_FOUND)
def replace_book(data, book_id):
    """Replace a book"""
    book = store().replace(book_id, data)
    if book is None:
        abort(404, message=f"Book {book_id} was not found.")
    return book


@blp.route("/books/<int:book_id>", methods=["DELETE"])
@blp.response(204)
@blp.alt_response(404, **NOT_FOUND)
def remove_book(book_id):
    """Remove a book"""
    if not store().delete(book_id):
        abort(404, message=f"Book {book_id} was not found.")


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        API_TITLE="Reading list",
        API_VERSION="1.0",
        OPENAPI_VERSION="3.0.2",
        OPENAPI_URL_PREFIX="",
        OPENAPI_JSON_PATH="/openapi.json",
    )
    app.config.update(config or {})
    app.extensions["books"] = BookStore()
    api = Api(app)
    api.register_blueprint(blp)
    return app
