"""Reading list: MethodViews, pagination done by the view (no Page), OpenAPI 3.1."""

from flask import Flask, current_app, url_for
from flask.views import MethodView
from flask_smorest import Api, Blueprint, abort
from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, ValidationError, fields, validate

from store import BookStore

SHELVES = ("to-read", "reading", "read")


class NotBlank(validate.Validator):
    error = "Must not be blank."

    def __call__(self, value):
        if value.strip() == "":
            raise ValidationError(self.error)
        return value


class BookSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), NotBlank()])
    author = fields.String(required=True, validate=[validate.Length(min=1, max=100), NotBlank()])
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    shelf = fields.String(load_default="to-read", validate=validate.OneOf(SHELVES),
                          metadata={"description": "Which shelf the book is on"})


class ListArgs(Schema):
    shelf = fields.String(validate=validate.OneOf(SHELVES))


bp = Blueprint("books", __name__, url_prefix="/api")


def the_store() -> BookStore:
    return current_app.extensions["books"]


def missing(book_id):
    abort(404, message=f"No book has the id {book_id}.")


@bp.route("/books")
class Collection(MethodView):
    @bp.arguments(ListArgs, location="query")
    @bp.response(200, BookSchema(many=True))
    @bp.paginate(page_size=10, max_page_size=50)
    def get(self, args, pagination_parameters):
        """List books"""
        found = the_store().all(shelf=args.get("shelf"))
        pagination_parameters.item_count = len(found)
        first, last = pagination_parameters.first_item, pagination_parameters.last_item
        return found[first:last + 1]

    @bp.arguments(BookSchema)
    @bp.response(201, BookSchema)
    def post(self, new_book):
        """Create a book"""
        book = the_store().add(new_book)
        return book, {"Location": url_for("books.Item", book_id=book["id"])}


@bp.route("/books/<int:book_id>")
class Item(MethodView):
    @bp.response(200, BookSchema)
    @bp.alt_response(404, schema=ErrorSchema)
    def get(self, book_id):
        """Read a book"""
        return the_store().get(book_id) or missing(book_id)

    @bp.arguments(BookSchema)
    @bp.response(200, BookSchema)
    @bp.alt_response(404, schema=ErrorSchema)
    def put(self, new_book, book_id):
        """Replace a book"""
        return the_store().replace(book_id, new_book) or missing(book_id)

    @bp.response(204)
    @bp.alt_response(404, schema=ErrorSchema)
    def delete(self, book_id):
        """Delete a book"""
        if not the_store().delete(book_id):
            missing(book_id)
        return None


SETTINGS = {
    "API_TITLE": "Reading list",
    "API_VERSION": "2025.1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update({**SETTINGS, **(config or {})})
    app.extensions["books"] = BookStore()
    Api(app).register_blueprint(bp)
    return app
