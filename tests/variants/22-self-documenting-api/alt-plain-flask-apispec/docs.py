"""The OpenAPI document, written path by path with apispec; the schemas come from schemas.py."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from schemas import BookFilterSchema, BookSchema, ErrorSchema, PageInfoSchema, PageSchema


def error(description):
    return {"description": description, "content": {"application/json": {"schema": ErrorSchema}}}


def book(description, schema=BookSchema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


BODY = {"required": True, "content": {"application/json": {"schema": BookSchema}}}
BOOK_ID = {"in": "path", "name": "book_id", "required": True, "schema": {"type": "integer"}}


def build(title, version):
    spec = APISpec(title=title, version=version, openapi_version="3.0.3", plugins=[MarshmallowPlugin()])
    spec.components.schema("Book", schema=BookSchema)
    spec.components.schema("Error", schema=ErrorSchema)
    spec.components.schema("PageInfo", schema=PageInfoSchema)
    listed = book("One page of books, oldest first", {"type": "array", "items": BookSchema})
    listed["headers"] = {"X-Pagination": {"description": "Where the page stands", "schema": PageInfoSchema}}
    spec.path(path="/api/books", operations={
        "get": {
            "summary": "List books",
            "parameters": [{"in": "query", "schema": BookFilterSchema}, {"in": "query", "schema": PageSchema}],
            "responses": {"200": listed, "422": error("A query parameter is wrong")},
        },
        "post": {
            "summary": "Add a book",
            "requestBody": BODY,
            "responses": {"201": book("The new book"), "422": error("The book is not valid")},
        },
    })
    spec.path(path="/api/books/{book_id}", parameters=[BOOK_ID], operations={
        "get": {"responses": {"200": book("The book"), "404": error("No such book")}},
        "put": {"requestBody": BODY,
                "responses": {"200": book("The book, replaced"), "404": error("No such book"),
                              "422": error("The book is not valid")}},
        "delete": {"responses": {"204": {"description": "Deleted"}, "404": error("No such book")}},
    })
    return spec
