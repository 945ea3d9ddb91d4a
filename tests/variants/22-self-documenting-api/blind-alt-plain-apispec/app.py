"""Reading list in plain Flask: marshmallow validates, an apispec APISpec filled by hand documents."""

import json
import math

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, current_app, jsonify, request, url_for
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from werkzeug.exceptions import BadRequest, HTTPException

from store import BookStore

SHELVES = ("to-read", "reading", "read")


def not_blank(value):
    if not value.strip():
        raise ValidationError("Must not be blank.")


class BookSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), not_blank])
    author = fields.String(required=True, validate=[validate.Length(min=1, max=100), not_blank])
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    shelf = fields.String(load_default="to-read", validate=validate.OneOf(SHELVES))


class ListQuerySchema(Schema):
    shelf = fields.String(validate=validate.OneOf(SHELVES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    page_size = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class ErrorSchema(Schema):
    code = fields.Integer(required=True)
    status = fields.String(required=True)
    message = fields.String()
    errors = fields.Dict()


class PaginationSchema(Schema):
    total = fields.Integer()
    total_pages = fields.Integer()
    first_page = fields.Integer()
    last_page = fields.Integer()
    page = fields.Integer()
    previous_page = fields.Integer()
    next_page = fields.Integer()


class ApiError(HTTPException):
    def __init__(self, code, message=None, errors=None):
        super().__init__()
        self.code, self.message, self.errors = code, message, errors


def error_body(code, message=None, errors=None):
    from http import HTTPStatus
    body = {"code": code, "status": HTTPStatus(code).phrase}
    if message:
        body["message"] = message
    if errors is not None:
        body["errors"] = errors
    return body


def store() -> BookStore:
    return current_app.extensions["books"]


def read_book():
    """The request's body, checked by BookSchema; ApiError 400/422 otherwise."""
    if request.is_json and request.get_data():
        try:
            data = json.loads(request.get_data())
        except ValueError:
            raise ApiError(400, errors={"json": ["Invalid JSON body."]})
    else:
        data = {}
    try:
        return BookSchema().load(data)
    except ValidationError as err:
        raise ApiError(422, errors={"json": err.messages})


def pagination_header(total, page, size):
    pages = math.ceil(total / size)
    header = {"total": total, "total_pages": pages}
    if total:
        header.update(first_page=1, last_page=pages)
        if page <= pages:
            header["page"] = page
            if page > 1:
                header["previous_page"] = page - 1
            if page < pages:
                header["next_page"] = page + 1
    return header


def list_books():
    try:
        args = ListQuerySchema().load(request.args.to_dict(), unknown=EXCLUDE)
    except ValidationError as err:
        raise ApiError(422, errors={"query": err.messages})
    found = store().all(shelf=args.get("shelf"))
    page, size = args["page"], args["page_size"]
    response = jsonify(BookSchema(many=True).dump(found[(page - 1) * size: page * size]))
    response.headers["X-Pagination"] = json.dumps(pagination_header(len(found), page, size))
    return response


def create_book():
    book = store().add(read_book())
    response = jsonify(BookSchema().dump(book))
    response.status_code = 201
    response.headers["Location"] = url_for("book_item", book_id=book["id"])
    return response


def book_item(book_id):
    if request.method == "GET":
        book = store().get(book_id)
    elif request.method == "PUT":
        if store().get(book_id) is None:
            book = None
        else:
            book = store().replace(book_id, read_book())
    else:
        if not store().delete(book_id):
            raise ApiError(404, f"There is no book {book_id}.")
        return "", 204
    if book is None:
        raise ApiError(404, f"There is no book {book_id}.")
    return jsonify(BookSchema().dump(book))


def build_spec(app):
    spec = APISpec(title=app.config["API_TITLE"], version=app.config["API_VERSION"],
                   openapi_version=app.config["OPENAPI_VERSION"], plugins=[MarshmallowPlugin()])
    spec.components.schema("Book", schema=BookSchema)
    spec.components.schema("Error", schema=ErrorSchema)
    spec.components.schema("PaginationMetadata", schema=PaginationSchema)
    spec.components.header("PAGINATION", {
        "description": "Where this page stands",
        "schema": {"$ref": "#/components/schemas/PaginationMetadata"}})
    err = {"content": {"application/json": {"schema": "Error"}}}
    book = {"content": {"application/json": {"schema": "Book"}}}
    body = {"required": True, "content": {"application/json": {"schema": "Book"}}}
    spec.path(path="/api/books", operations={
        "get": {"summary": "List books", "parameters": [{"in": "query", "schema": ListQuerySchema}],
                "responses": {
                    "200": {"description": "One page of books",
                            "headers": {"X-Pagination": {"$ref": "#/components/headers/PAGINATION"}},
                            "content": {"application/json": {"schema": {"type": "array", "items": "Book"}}}},
                    "422": {"description": "Bad query", **err}}},
        "post": {"summary": "Add a book", "requestBody": body, "responses": {
            "201": {"description": "Created", **book}, "422": {"description": "Bad book", **err}}},
    })
    path_param = {"in": "path", "name": "book_id", "required": True,
                  "schema": {"type": "integer", "minimum": 0}}
    spec.path(path="/api/books/{book_id}", parameters=[path_param], operations={
        "get": {"summary": "Get one book", "responses": {
            "200": {"description": "The book", **book}, "404": {"description": "No such book", **err}}},
        "put": {"summary": "Replace a book", "requestBody": body, "responses": {
            "200": {"description": "Replaced", **book}, "404": {"description": "No such book", **err},
            "422": {"description": "Bad book", **err}}},
        "delete": {"summary": "Delete a book", "responses": {
            "204": {"description": "Deleted"}, "404": {"description": "No such book", **err}}},
    })
    document = spec.to_dict()
    # Any other error (a 400 for JSON that does not parse, say) has the same shape.
    for operations in document["paths"].values():
        for name, operation in operations.items():
            if name != "parameters":
                operation["responses"]["default"] = {
                    "description": "Another error",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return document


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(API_TITLE="Reading list", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    if config:
        app.config.update(config)
    app.extensions["books"] = BookStore()
    app.add_url_rule("/api/books", view_func=list_books, methods=["GET"])
    app.add_url_rule("/api/books", view_func=create_book, methods=["POST"])
    app.add_url_rule("/api/books/<int:book_id>", view_func=book_item, methods=["GET", "PUT", "DELETE"])
    document = build_spec(app)
    app.add_url_rule("/openapi.json", "openapi", lambda: jsonify(document))

    @app.errorhandler(HTTPException)
    def as_json(exc):
        if isinstance(exc, ApiError):
            return jsonify(error_body(exc.code, exc.message, exc.errors)), exc.code
        response = exc.get_response()
        response.set_data(json.dumps(error_body(exc.code)))
        response.content_type = "application/json"
        return response

    return app
