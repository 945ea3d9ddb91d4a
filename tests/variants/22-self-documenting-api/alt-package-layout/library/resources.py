"""The books resource; its prefix is chosen where it is registered."""

from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from library.schemas import BookSchema, ShelfFilterSchema
from library.storage import CataloguePage

blp = Blueprint("catalogue", __name__, description="The reading list")


def catalogue():
    return current_app.extensions["catalogue"]


def existing(book_id):
    row = catalogue().lookup(book_id)
    if row is None:
        abort(404, message=f"Unknown book: {book_id}")
    return row


@blp.route("/books")
class BookList(MethodView):
    @blp.arguments(ShelfFilterSchema, location="query")
    @blp.response(200, BookSchema(many=True))
    @blp.paginate(CataloguePage, max_page_size=50)
    def get(self, filters):
        return catalogue().query(filters.get("shelf"))

    @blp.arguments(BookSchema)
    @blp.response(201, BookSchema)
    def post(self, data):
        row = catalogue().insert(data)
        return row, 201, {"Location": url_for("catalogue.BookItem", book_id=row["id"])}


@blp.route("/books/<int:book_id>")
class BookItem(MethodView):
    @blp.response(200, BookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, book_id):
        return existing(book_id)

    @blp.arguments(BookSchema)
    @blp.response(200, BookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def put(self, data, book_id):
        existing(book_id)
        return catalogue().overwrite(book_id, data)

    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, book_id):
        if not catalogue().remove(book_id):
            abort(404, message=f"Unknown book: {book_id}")
