"""The reading list as plain Flask views; the schemas do the checking."""

import json
import math

from flask import Blueprint, current_app, request, url_for
from marshmallow import EXCLUDE, ValidationError
from werkzeug.exceptions import HTTPException, NotFound, UnprocessableEntity

from schemas import BookSchema, ListQuerySchema

bp = Blueprint("books", __name__, url_prefix="/api")
book_schema = BookSchema()


class Invalid(UnprocessableEntity):
    def __init__(self, where, messages):
        super().__init__()
        self.errors = {where: messages}


def store():
    return current_app.extensions["books"]


def load_body(schema):
    data = request.get_json()  # 400 when it does not parse, 415 when it is not JSON
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise Invalid("json", exc.messages) from None


def load_query():
    try:
        return ListQuerySchema().load(request.args, unknown=EXCLUDE)
    except ValidationError as exc:
        raise Invalid("query", exc.messages) from None


class BookNotFound(NotFound):
    def __init__(self, book_id):
        super().__init__()
        self.message = f"There is no book with id {book_id}."


def not_found(book_id):
    raise BookNotFound(book_id)


def pagination(total, page, page_size):
    meta = {"total": total, "total_pages": math.ceil(total / page_size)}
    if total:
        last = meta["total_pages"]
        meta.update(first_page=1, last_page=last)
        if page <= last:
            meta["page"] = page
            if page > 1:
                meta["previous_page"] = page - 1
            if page < last:
                meta["next_page"] = page + 1
    return json.dumps(meta)


@bp.get("/books")
def list_books():
    query = load_query()
    found = store().all(shelf=query.get("shelf"))
    page, size = query["page"], query["page_size"]
    chunk = found[(page - 1) * size: page * size]
    return book_schema.dump(chunk, many=True), 200, {"X-Pagination": pagination(len(found), page, size)}


@bp.post("/books")
def add_book():
    book = store().add(load_body(book_schema))
    return book_schema.dump(book), 201, {"Location": url_for("books.get_book", book_id=book["id"])}


@bp.get("/books/<int:book_id>")
def get_book(book_id):
    book = store().get(book_id)
    if book is None:
        not_found(book_id)
    return book_schema.dump(book)


@bp.put("/books/<int:book_id>")
def put_book(book_id):
    fields = load_body(book_schema)
    book = store().replace(book_id, fields)
    if book is None:
        not_found(book_id)
    return book_schema.dump(book)


@bp.delete("/books/<int:book_id>")
def delete_book(book_id):
    if not store().delete(book_id):
        not_found(book_id)
    return "", 204


def json_error(exc: HTTPException):
    body = {"code": exc.code, "status": exc.name}
    if isinstance(exc, Invalid):
        body["errors"] = exc.errors
    elif exc.code == 400 and request.is_json:
        body["errors"] = {"json": ["Invalid JSON body."]}
    elif isinstance(exc, BookNotFound):
        body["message"] = exc.message
    # Keep the exception's own headers (Allow on a 405), not its HTML content type.
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    return body, exc.code, headers
